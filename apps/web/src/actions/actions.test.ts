// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { ACTIONS, actionFor } from './actions';

const key = (init: KeyboardEventInit, target?: EventTarget) => {
  const e = new KeyboardEvent('keydown', init);
  if (target) Object.defineProperty(e, 'target', { value: target });
  return e;
};

describe('action registry', () => {
  it('has unique ids and a label and keys for each (the help overlay is generated from it)', () => {
    const ids = ACTIONS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of ACTIONS) {
      expect(a.label).not.toBe('');
      expect(a.keys.length).toBeGreaterThan(0);
    }
  });

  it('maps keys to actions', () => {
    expect(actionFor(key({ key: 'z', ctrlKey: true }))?.id).toBe('undo');
    expect(actionFor(key({ key: 'Z', ctrlKey: true, shiftKey: true }))?.id).toBe('redo');
    expect(actionFor(key({ key: 'y', metaKey: true }))?.id).toBe('redo');
    expect(actionFor(key({ key: 'Delete' }))?.id).toBe('delete');
    expect(actionFor(key({ key: 'Backspace' }))?.id).toBe('delete');
    expect(actionFor(key({ key: 'l' }))?.id).toBe('layout');
    expect(actionFor(key({ key: '?' , shiftKey: true }))?.id).toBe('help');
    expect(actionFor(key({ key: 'Enter', ctrlKey: true }))?.id).toBe('deploy');
  });

  it('leaves typing alone: Delete and letters in a field are the field’s', () => {
    const input = document.createElement('input');
    document.body.appendChild(input);
    expect(actionFor(key({ key: 'Backspace' }, input))).toBeUndefined();
    expect(actionFor(key({ key: 'l' }, input))).toBeUndefined();
    expect(actionFor(key({ key: 'z', ctrlKey: true }, input))).toBeUndefined();
    expect(actionFor(key({ key: 's', ctrlKey: true }, input))?.id).toBe('save');
  });
});
