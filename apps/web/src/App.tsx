import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { useShortcuts } from './actions/useShortcuts';
import { api, unauthorizedListeners } from './api/client';
import { connectSocket, type SocketTransport } from './api/socket';
import { currentToken, saveToken } from './api/token';
import { Canvas } from './canvas/Canvas';
import { ExportDialog } from './export/ExportDialog';
import { ExamplesDialog } from './graphs/ExamplesDialog';
import { GraphsDialog } from './graphs/GraphsDialog';
import { Inspector } from './inspector/Inspector';
import { LogPanel } from './log/LogPanel';
import { Palette } from './palette/Palette';
import { useEditor, useEditorApi, type EditorStore } from './store';
import { errorText, LAST_GRAPH_KEY } from './store/docSlice';
import { selectDialog } from './store/selectors';
import { Banners } from './ui/Banners';
import { HelpDialog } from './ui/HelpDialog';
import { Toast } from './ui/Toast';
import { TokenPage } from './ui/TokenPage';
import { Toolbar } from './ui/Toolbar';

const graphFromHash = () => /^#\/graph\/([^/?#]+)/.exec(window.location.hash)?.[1];

/** Loads the catalog and the graph to show: the one in the address, the last one, or a new one. */
export async function loadWorkspace(store: EditorStore): Promise<void> {
  const s = store.getState();
  s.setCatalog(await api.catalog());
  await s.refreshGraphs();
  const graphs = store.getState().graphs;
  const wanted = graphFromHash() ?? localStorage.getItem(LAST_GRAPH_KEY) ?? undefined;
  const id = graphs.find((g) => g.id === wanted)?.id ?? graphs[0]?.id;
  if (id !== undefined) await s.openGraph(id);
  else await s.createGraph();
}

export function App({ transport }: { transport: SocketTransport }) {
  const store = useEditorApi();
  const needToken = useEditor((s) => s.needToken);
  const tokenMessage = useEditor((s) => s.tokenMessage);
  const [ready, setReady] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const connection = useRef<ReturnType<typeof connectSocket> | null>(null);

  useEffect(() => {
    const onUnauthorized = () => store.getState().askToken('The server did not accept the token.');
    unauthorizedListeners.add(onUnauthorized);
    if (currentToken() === null) {
      store.getState().askToken(null);
    } else {
      // The socket checks the token first: a wrong one never reaches the REST API.
      connection.current = connectSocket(store, transport, (first) => {
        if (!first && ready) return;
        if (first || !ready) {
          setFailure(null);
          loadWorkspace(store).then(
            () => setReady(true),
            (error: unknown) => setFailure(errorText(error)),
          );
        }
      });
    }
    return () => {
      unauthorizedListeners.delete(onUnauthorized);
      connection.current?.close();
      connection.current = null;
    };
    // Connect once; the token page reconnects (see onToken).
  }, []);

  // The address names the open graph, so a reload (or a shared link) opens it again.
  const graphId = useEditor((s) => s.graphId);
  useEffect(() => {
    if (graphId !== null && graphFromHash() !== graphId) history.replaceState(history.state, '', `#/graph/${graphId}`);
  }, [graphId]);

  const onToken = async (token: string): Promise<string | null> => {
    if (token === '') return 'Enter the token';
    saveToken(token);
    store.getState().tokenAccepted();
    if (connection.current === null) {
      connection.current = connectSocket(store, transport, () => {
        loadWorkspace(store).then(
          () => setReady(true),
          (error: unknown) => setFailure(errorText(error)),
        );
      });
    } else {
      connection.current.reconnect();
    }
    return null;
  };

  if (needToken) return <TokenPage message={tokenMessage} onSubmit={onToken} />;
  return (
    <ReactFlowProvider>
      <Editor ready={ready} failure={failure} />
    </ReactFlowProvider>
  );
}

function Editor({ ready, failure }: { ready: boolean; failure: string | null }) {
  useShortcuts();
  const dialog = useEditor(selectDialog);
  const connection = useEditor((s) => s.connection);
  return (
    <div className="app" data-ready={ready}>
      <Toolbar />
      <Banners />
      <main className="workspace">
        <Palette />
        <Canvas />
        <Inspector />
      </main>
      <LogPanel />
      {!ready && (
        <div className="splash" data-testid="splash">
          <span className="spinner big" aria-hidden="true" />
          <div>{failure ? `The editor cannot load: ${failure}` : connection === 'connected' ? 'Loading…' : 'Connecting to the server…'}</div>
        </div>
      )}
      {dialog === 'help' && <HelpDialog />}
      {dialog === 'export' && <ExportDialog />}
      {dialog === 'graphs' && <GraphsDialog />}
      {dialog === 'examples' && <ExamplesDialog />}
      <Toast />
    </div>
  );
}
