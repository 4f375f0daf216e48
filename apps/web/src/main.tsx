import { createRoot } from 'react-dom/client';
import './app/global.css';
import { App } from './app/app';
import { languageStore } from './i18n/language-store';

document.documentElement.lang = languageStore.get();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(<App />);
