/**
 * Python's `shlex.split(s)` (POSIX mode): words separated by whitespace; single quotes keep
 * everything literally; double quotes keep everything but `\` before `\` or `"`;
 * outside quotes `\` escapes the next character; `#` is not a comment (as in `shlex.split`).
 */
export function shlexSplit(s: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "'") {
      const end = s.indexOf("'", i + 1);
      if (end < 0) throw new Error('No closing quotation');
      word += s.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      i++;
      for (; i < s.length && s[i] !== '"'; i++) {
        if (s[i] === '\\' && i + 1 < s.length && (s[i + 1] === '\\' || s[i + 1] === '"')) i++;
        word += s[i];
      }
      if (i >= s.length) throw new Error('No closing quotation');
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 >= s.length) throw new Error('No escaped character');
      word += s[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}
