import '@xyflow/react/dist/style.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { api } from './api/client';
import { SocketTransport } from './api/socket';
import { adoptTokenFromUrl } from './api/token';
import { createEditorStore, EditorProvider } from './store';

adoptTokenFromUrl();

const transport = new SocketTransport();
const store = createEditorStore({ api, transport, storage: safeStorage(), saveDelay: 600 });
// For people and browser tests poking at the running editor.
(window as unknown as { streamloom?: unknown }).streamloom = { store };

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <EditorProvider store={store}>
      <App transport={transport} />
    </EditorProvider>
  </StrictMode>,
);
