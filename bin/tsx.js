#!/usr/bin/env node
// Runs a TypeScript file of this package (benchmarks, scripts) the way bin/vinylvault.js runs the hub.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

register();
const [file, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], file, ...args];
await import(pathToFileURL(resolve(file)).href);
