import { describe, expect, it } from 'vitest';
import { errorText, MESSAGE_LENGTH } from './snapshot.js';

describe('errorText', () => {
  it('formats errors of any realm and thrown non-errors, bounded', () => {
    expect(errorText(new TypeError('x is not a function'))).toBe('TypeError: x is not a function');
    expect(errorText({ name: 'KeyError', message: "'a'" })).toBe("KeyError: 'a'");
    expect(errorText({ message: 'plain' })).toBe('plain');
    expect(errorText('just text')).toBe('just text');
    expect(errorText(42)).toBe('42');
    expect(errorText(undefined)).toBe('undefined');
    expect(errorText(Object.create(null))).toBe('an error that cannot be shown');
    const long = errorText(new Error('y'.repeat(1000)));
    expect(long).toHaveLength(MESSAGE_LENGTH);
    expect(long.endsWith('…')).toBe(true);
  });
});
