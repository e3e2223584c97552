// Client-side routes under /studio/: the home page (create and history) and job pages.
import { useEffect, useState } from 'preact/hooks';

export const BASE = import.meta.env.BASE_URL; // "/studio/"

export type Route = { page: 'home' } | { page: 'job'; jobId: string } | { page: 'missing' };

export function routeOf(pathname: string): Route {
  const rest = pathname.startsWith(BASE)
    ? pathname.slice(BASE.length)
    : pathname.replace(/^\//, '');
  if (rest === '' || rest === 'index.html') return { page: 'home' };
  const job = /^jobs\/([^/]+)\/?$/.exec(rest);
  if (job?.[1]) return { page: 'job', jobId: decodeURIComponent(job[1]) };
  return { page: 'missing' };
}

export function jobPath(jobId: string): string {
  return `${BASE}jobs/${encodeURIComponent(jobId)}`;
}

export function navigate(path: string): void {
  window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => routeOf(window.location.pathname));
  useEffect(() => {
    const update = () => setRoute(routeOf(window.location.pathname));
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return route;
}

/** A same-page link: a plain <a href> that routes without a reload on a plain click. */
export function followLink(event: MouseEvent): void {
  const link = event.currentTarget as HTMLAnchorElement;
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return;
  event.preventDefault();
  navigate(link.pathname + link.search);
}
