/**
 * The two Chinese-script libraries, loaded on first use: traditional to simplified (opencc-js) and pinyin
 * (pinyin-pro). Their dictionaries take some 90 ms to load, and a process that screens a Latin-script name
 * from a stored index (htt screen "Huawei Technologies") needs neither. Every caller reaches them only for
 * text with Han characters in it. Loading a module is not I/O in the sense of the dependency rule: the
 * functions are as pure as the packages' own.
 */
import { createRequire } from 'node:module';
import type * as OpenCCModule from 'opencc-js';
import type * as PinyinModule from 'pinyin-pro';

const load = createRequire(import.meta.url);

let converter: ((text: string) => string) | undefined;
/** Traditional to simplified Chinese (one converter for the whole module graph: its dictionaries are large). */
export function t2s(text: string): string {
  const convert = (converter ??= (load('opencc-js') as typeof OpenCCModule).Converter({
    from: 't',
    to: 'cn',
  }));
  return convert(text);
}

let pinyinModule: typeof PinyinModule | undefined;
/** pinyin-pro's `pinyin`, loaded on first call. */
export const pinyin = ((...args: Parameters<typeof PinyinModule.pinyin>) => {
  pinyinModule ??= load('pinyin-pro') as typeof PinyinModule;
  return (pinyinModule.pinyin as (...a: unknown[]) => unknown)(...args);
}) as typeof PinyinModule.pinyin;
