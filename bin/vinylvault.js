#!/usr/bin/env node
// The hub is TypeScript run through tsx, so there is no separate compile step on the Pi:
// `npm install` is the whole deployment.
import { register } from 'tsx/esm/api';

register();
await import('../hub/cli.ts');
