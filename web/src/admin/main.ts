import { mount } from 'svelte';
import AdminApp from './AdminApp.svelte';
import '../app.css';

mount(AdminApp, { target: document.getElementById('app')! });
