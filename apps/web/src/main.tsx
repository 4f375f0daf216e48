import { createRoot } from 'react-dom/client';
import './app/global.css';
import { App } from './app/app';
import { sessionStore } from './auth/session-store';
import { languageStore } from './i18n/language-store';

document.documentElement.lang = languageStore.get();
// A new tab of a signed-in browser (the ERP opening a document) takes the browser's session.
void sessionStore.restore();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(<App />);
