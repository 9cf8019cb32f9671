import '@mantine/core/styles.css';
import '../app/app.css';
import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { UnlockBridge } from '../../../shared/unlock';
import { theme } from '../app/theme';
import { UnlockWindow } from './UnlockWindow';

declare global {
  interface Window {
    /** Exposed by the recovery-key window's preload (or the end-to-end bridge). */
    readonly unlock?: UnlockBridge;
  }
}

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element.');
if (!window.unlock) throw new Error('The recovery-key window has no bridge to ClaimDesk.');
createRoot(container).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <UnlockWindow bridge={window.unlock} />
    </MantineProvider>
  </StrictMode>,
);
