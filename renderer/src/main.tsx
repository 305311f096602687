/**
 * Renderer entry: pick the transport, bind the stores, render the shell.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startApp } from './app-start';
import { AppShell } from './shell/app-shell';
import { pickTransport } from './transport/pick-transport';
import './styles/theme.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

startApp(pickTransport(window));

createRoot(container).render(
  <StrictMode>
    <AppShell />
  </StrictMode>,
);
