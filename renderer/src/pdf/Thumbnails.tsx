// Page thumbnails, drawn only when they scroll into view (a 762-page manual draws the dozen a
// reader can see, not all of them). Each is a button that goes to its page.
import { useEffect, useRef } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';

const WIDTH = 120;

export function Thumbnails({ pdf, current, aspect, onOpen }: { pdf: PDFDocumentProxy; current: number; aspect: number; onOpen: (page: number) => void }) {
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const root = list.current;
    if (!root) return;
    const drawn = new Set<number>();
    const tasks: Array<{ cancel(): void }> = [];
    const io = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          const canvas = entry.target as HTMLCanvasElement;
          const n = Number(canvas.dataset.page);
          if (drawn.has(n)) continue;
          drawn.add(n);
          io.unobserve(canvas);
          void pdf
            .getPage(n)
            .then((page) => {
              const base = page.getViewport({ scale: 1 });
              const viewport = page.getViewport({ scale: (WIDTH / base.width) * (window.devicePixelRatio || 1) });
              canvas.width = Math.round(viewport.width);
              canvas.height = Math.round(viewport.height);
              const task = page.render({ canvas, viewport });
              tasks.push(task);
              return task.promise;
            })
            .catch(() => drawn.delete(n)); // cancelled or failed: try again next time it shows
        }
      },
      { root: root.closest('.nav-sidebar'), rootMargin: '200px 0px' },
    );
    root.querySelectorAll('canvas').forEach((c) => io.observe(c));
    return () => {
      io.disconnect();
      tasks.forEach((t) => t.cancel());
    };
  }, [pdf]);

  useEffect(() => {
    list.current?.querySelector(`[data-thumb="${current}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  return (
    <ol ref={list} className="thumbnails" aria-label="Pages">
      {Array.from({ length: pdf.numPages }, (_, i) => i + 1).map((n) => (
        <li key={n}>
          <button type="button" data-thumb={n} aria-current={n === current ? 'page' : undefined} aria-label={`Page ${n}`} onClick={() => onOpen(n)}>
            <canvas data-page={n} style={{ width: WIDTH, height: Math.round(WIDTH * aspect) }} aria-hidden="true" />
            <span aria-hidden="true">{n}</span>
          </button>
        </li>
      ))}
    </ol>
  );
}
