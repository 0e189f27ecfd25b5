// Icons as inline SVG: they draw the same on every machine, with no emoji or symbol font.
// Each is decorative (aria-hidden); the control around it carries the name.
import type { ReactNode } from 'react';

function Svg({ children, size = 16 }: { children: ReactNode; size?: number }) {
  return (
    <svg className="icon-svg" width={size} height={size} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export const IconBack = () => (
  <Svg>
    <path d="M10 3 5 8l5 5" />
  </Svg>
);
export const IconForward = () => (
  <Svg>
    <path d="m6 3 5 5-5 5" />
  </Svg>
);
export const IconMore = () => (
  <Svg>
    <circle cx="3" cy="8" r="1.2" fill="currentColor" stroke="none" />
    <circle cx="8" cy="8" r="1.2" fill="currentColor" stroke="none" />
    <circle cx="13" cy="8" r="1.2" fill="currentColor" stroke="none" />
  </Svg>
);
export const IconUndo = () => (
  <Svg>
    <path d="M5 4 2 7l3 3" />
    <path d="M2 7h8a4 4 0 0 1 0 8H7" />
  </Svg>
);
export const IconRedo = () => (
  <Svg>
    <path d="m11 4 3 3-3 3" />
    <path d="M14 7H6a4 4 0 0 0 0 8h3" />
  </Svg>
);
/** A pane at the left or right edge, open or shut. */
export const IconPane = ({ side }: { side: 'left' | 'right' }) => (
  <Svg>
    <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" />
    <path d={side === 'left' ? 'M6 2.5v11' : 'M10 2.5v11'} />
  </Svg>
);
export const IconPlus = () => (
  <Svg>
    <path d="M8 3v10M3 8h10" />
  </Svg>
);
export const IconMinus = () => (
  <Svg>
    <path d="M3 8h10" />
  </Svg>
);
export const IconCheck = () => (
  <Svg>
    <path d="m3 8.5 3 3 7-7" />
  </Svg>
);
export const IconCross = () => (
  <Svg>
    <path d="m4 4 8 8M12 4l-8 8" />
  </Svg>
);
export const IconSortUp = () => (
  <Svg size={12}>
    <path d="M8 4.5 12.5 11h-9z" fill="currentColor" stroke="none" />
  </Svg>
);
export const IconSortDown = () => (
  <Svg size={12}>
    <path d="M8 11.5 3.5 5h9z" fill="currentColor" stroke="none" />
  </Svg>
);
export const IconTrash = () => (
  <Svg>
    <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4M6.7 6.5v4.5M9.3 6.5v4.5" />
  </Svg>
);
export const IconWarning = () => (
  <Svg>
    <path d="M8 2 1.5 13.5h13z" />
    <path d="M8 6.5v3.2M8 11.6v.1" />
  </Svg>
);
export const IconInfo = () => (
  <Svg>
    <circle cx="8" cy="8" r="6.2" />
    <path d="M8 7.2v4M8 4.8v.1" />
  </Svg>
);
export const IconPencil = () => (
  <Svg>
    <path d="m10.5 2.5 3 3L5 14H2v-3z" />
  </Svg>
);
export const IconOutline = () => (
  <Svg>
    <path d="M2 3.5h2M6 3.5h8M4 8h2M8 8h6M4 12.5h2M8 12.5h6" />
  </Svg>
);
export const IconPages = () => (
  <Svg>
    <rect x="2" y="1.5" width="5" height="6" rx="0.8" />
    <rect x="9" y="1.5" width="5" height="6" rx="0.8" />
    <rect x="2" y="9" width="5" height="6" rx="0.8" />
    <rect x="9" y="9" width="5" height="6" rx="0.8" />
  </Svg>
);

/** A highlight's stance as a shape as well as a colour: a tick, a cross, an "i". */
export const StanceIcon = ({ stance }: { stance: 'supports' | 'contradicts' | 'context' }) => (stance === 'supports' ? <IconCheck /> : stance === 'contradicts' ? <IconCross /> : <IconInfo />);

const STANCE_PATHS = { supports: ['m3 8.5 3 3 7-7'], contradicts: ['m4 4 8 8M12 4l-8 8'], context: ['M8 7.2v4M8 4.8v.1'] } as const;
/** The same icon as a DOM node, for the highlight badges pdf.js pages carry (outside React). */
export function stanceIconNode(doc: Document, stance: keyof typeof STANCE_PATHS): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = doc.createElementNS(ns, 'svg');
  for (const [k, v] of Object.entries({ viewBox: '0 0 16 16', width: '10', height: '10', fill: 'none', stroke: 'currentColor', 'stroke-width': '2.2', 'stroke-linecap': 'round', 'aria-hidden': 'true' })) svg.setAttribute(k, v);
  for (const d of STANCE_PATHS[stance]) {
    const path = doc.createElementNS(ns, 'path');
    path.setAttribute('d', d);
    svg.appendChild(path);
  }
  return svg;
}

/** A half-filled circle: a rule short of the standard (encouraged, restricted, partial). */
export const IconHalf = () => (
  <Svg>
    <circle cx="8" cy="8" r="5.5" />
    <path d="M8 2.5a5.5 5.5 0 0 1 0 11z" fill="currentColor" stroke="none" />
  </Svg>
);
/** A dash: nothing found. */
export const IconDash = () => (
  <Svg>
    <path d="M4 8h8" />
  </Svg>
);
/** A clock: still being read. */
export const IconClock = () => (
  <Svg>
    <circle cx="8" cy="8" r="5.5" />
    <path d="M8 5v3l2 1.5" />
  </Svg>
);
export const IconRotateLeft = () => (
  <Svg>
    <path d="M3 3v4h4" />
    <path d="M3.5 7A5 5 0 1 1 5 11.5" />
  </Svg>
);
export const IconRotateRight = () => (
  <Svg>
    <path d="M13 3v4H9" />
    <path d="M12.5 7A5 5 0 1 0 11 11.5" />
  </Svg>
);
