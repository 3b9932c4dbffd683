/**
 * URLs for every screen (issue 15): `/{desk}/{tab}/{record}` — the desk, its tab and the record opened in a
 * queue, e.g. `/bis/queue/la-3`. Changing tab or opening a record pushes a history entry, so Back and
 * bookmarks work; the query (`?lang=zh`, a queue's search and filters) is kept beside the path.
 */
import { useSyncExternalStore } from 'react';

export interface Route {
  desk?: string;
  tab?: string;
  record?: string;
}

const SEGMENT = /^[\w.:-]{1,80}$/;

export function parseRoute(pathname: string): Route {
  const parts = pathname
    .split('/')
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return '';
      }
    });
  const [desk, tab, record] = parts.map((p) => (SEGMENT.test(p) ? p : undefined));
  return {
    ...(desk ? { desk } : {}),
    ...(desk && tab ? { tab } : {}),
    ...(desk && tab && record ? { record } : {}),
  };
}

export function routePath(r: Route): string {
  const parts = [r.desk, r.desk && r.tab, r.desk && r.tab && r.record].filter((p): p is string => !!p);
  return `/${parts.map(encodeURIComponent).join('/')}`;
}

const EVENT = 'htt:navigate';

/** Go to a route: a new history entry (Back returns), or the current one replaced. The query is kept. */
export function navigate(r: Route, options: { replace?: boolean; search?: string } = {}): void {
  const url = `${routePath(r)}${options.search ?? location.search}`;
  if (url === `${location.pathname}${location.search}`) return;
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  window.dispatchEvent(new Event(EVENT));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(EVENT, onChange);
  };
}

/** The current location's path and query, re-rendering on navigation and on Back / Forward. */
export function useLocation(): { pathname: string; search: string } {
  const href = useSyncExternalStore(
    subscribe,
    () => `${location.pathname}${location.search}`,
    () => '/',
  );
  const q = href.indexOf('?');
  return { pathname: q < 0 ? href : href.slice(0, q), search: q < 0 ? '' : href.slice(q) };
}

export function useRoute(): Route {
  return parseRoute(useLocation().pathname);
}

/** Read and write one query parameter of the current URL (replacing the history entry: typing is not a step). */
export function setQueryParams(values: Record<string, string | undefined>): void {
  const p = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(values)) {
    if (v) p.set(k, v);
    else p.delete(k);
  }
  const search = p.toString() ? `?${p.toString()}` : '';
  if (search === location.search) return;
  history.replaceState(null, '', `${location.pathname}${search}`);
  window.dispatchEvent(new Event(EVENT));
}
