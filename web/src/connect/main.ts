import { mount } from 'svelte';
import ConnectPage from './ConnectPage.svelte';
import '../app.css';

mount(ConnectPage, { target: document.getElementById('app')! });
