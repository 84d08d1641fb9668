// A small render helper for component tests (happy-dom): React 19's act, the store provider.
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { ReactFlowProvider } from '@xyflow/react';
import { EditorProvider, type EditorStore } from '../store';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Rendered {
  container: HTMLElement;
  root: Root;
  unmount(): void;
  byTestId(id: string): HTMLElement | null;
}

export function render(store: EditorStore, ui: ReactNode): Rendered {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  act(() => {
    root.render(
      <EditorProvider store={store}>
        <ReactFlowProvider>{ui}</ReactFlowProvider>
      </EditorProvider>,
    );
  });
  return {
    container,
    root,
    unmount() {
      act(() => root.unmount());
      container.remove();
    },
    byTestId: (id) => container.querySelector(`[data-testid="${id}"]`),
  };
}

/** Types into an input the way React sees it (the value setter, then an input event). */
export function typeInto(input: HTMLInputElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    setter.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export { act };
