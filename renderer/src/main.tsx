/**
 * Renderer entry: pick the transport, bind the stores, render the shell.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startApp } from './app/app-start';
import { AppShell } from './app/shell/app-shell';
import { pickTransport } from './app/transport/pick-transport';
import './ui/theme.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

startApp(pickTransport(window));

createRoot(container).render(
  <StrictMode>
    <AppShell />
  </StrictMode>,
);
