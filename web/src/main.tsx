/** Starts the console: reads `config.json`, creates the API client, restores the session and renders. */
import { render } from 'preact';
import { App } from './App';
import { startApi } from './api/client';
import { cognitoRefresher } from './auth/cognito';
import { setRefresher } from './auth/session';
import { loadConfig, rememberConfig } from './config';
import { t } from './i18n/catalogue';
import './styles.css';

async function main(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  try {
    const config = await loadConfig();
    rememberConfig(config);
    startApi(config.apiUrl);
    if (config.auth.mode === 'cognito') setRefresher(cognitoRefresher(config.auth));
    root.textContent = '';
    render(<App />, root);
  } catch (error) {
    root.innerHTML = '<main id="main"><h1></h1><p class="problem" role="alert"></p></main>';
    root.querySelector('h1')!.textContent = t.value.shell.cannotStart;
    root.querySelector('.problem')!.textContent = error instanceof Error ? error.message : String(error);
  }
}

void main();
