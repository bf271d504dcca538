import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { Provider as UrqlProvider } from 'urql';
import { App } from './app';
import { restoreSession } from './auth/session';
import { createClient } from './graphql/client';
import { applyUserLanguage, i18n } from './i18n';
import { cssVariablesResolver, theme } from './theme';

const client = createClient();

// A reload keeps the user signed in: the refresh cookie resumes the session before the first screen.
await restoreSession();
applyUserLanguage();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
        <UrqlProvider value={client}>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </UrqlProvider>
      </MantineProvider>
    </I18nextProvider>
  </StrictMode>,
);
