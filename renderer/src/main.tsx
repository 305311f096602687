/**
 * Renderer entry: apply the theme, pick the transport, bind the stores,
 * render the shell (which replaces index.html's loading screen).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startApp } from './app/app-start';
import { AppShell } from './app/shell/app-shell';
import { pickTransport } from './app/transport/pick-transport';
import { applyThemeChoice } from './ui/theme';
import './ui/tokens.css';
import './ui/base.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

applyThemeChoice();
startApp(pickTransport(window));

createRoot(container).render(
  <StrictMode>
    <AppShell />
  </StrictMode>,
);
