import { describe, expect, it } from 'vitest';
import { say, sayLang } from './say';

describe('say: the server’s record messages in the reader’s language', () => {
  const recommends = {
    key: 'clock.agency_recommends',
    params: { agency: { key: 'agency.DoD', params: {} } },
    text: 'DoD recommends',
  };
  it('renders a message and its nested agency in Chinese and in English', () => {
    expect(say(recommends, 'zh')).toBe('美国国防部提出建议');
    expect(say(recommends, 'en')).toBe('DoD recommends');
    expect(sayLang(recommends, 'zh')).toBeUndefined();
  });
  it('keeps verbatim parameters and falls back to the English for a key it does not know', () => {
    const hold = { key: 'inbox.resolve_hold', params: { reason: 'Entity List hit' } };
    expect(say(hold, 'zh-CN')).toBe('解除暂扣：Entity List hit');
    const unknown = { key: 'inbox.something_new', params: {} };
    expect(say(unknown, 'zh', 'Something new')).toBe('Something new');
    expect(sayLang(unknown, 'zh')).toBe('en');
    expect(say(undefined, 'zh', 'Old server text')).toBe('Old server text');
  });
});
