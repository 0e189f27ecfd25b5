// Weighted totals and the bar chart, computed the same way for the app, the CLI and the packet.
import type { RubricPack, RubricTotals } from '../schemas/rubric.ts';

/**
 * The weighted total and band, only when every criterion is scored. A rubric nobody scored is
 * "not assessed" and a partly scored one has no total: a band over missing criteria would claim a
 * finding nobody made (unscored work is neither 0 nor skipped).
 */
export function totals(rubric: RubricPack, levels: Map<string, number>): RubricTotals {
  let points = 0;
  let maxPoints = 0;
  let scored = 0;
  for (const c of rubric.criteria) {
    maxPoints += 3 * c.weight;
    const l = levels.get(c.id);
    if (l !== undefined) {
      points += l * c.weight;
      scored++;
    }
  }
  const criteria = rubric.criteria.length;
  const assessed = scored === 0 ? 'none' : scored < criteria ? 'partial' : 'complete';
  if (assessed !== 'complete') return { assessed, scored, criteria, percent: null, band: null, points, maxPoints };
  const percent = maxPoints === 0 ? 0 : Math.round((points / maxPoints) * 1000) / 10;
  const band = [...rubric.bands].sort((a, b) => b.min - a.min).find((b) => percent >= b.min)?.label ?? '';
  return { assessed, scored, criteria, percent, band, points, maxPoints };
}

/** One line for a rubric's result, worded the same in the app, the CLI and the packet. */
export function totalsLine(t: RubricTotals): string {
  if (t.assessed === 'none') return `Not assessed (0 of ${t.criteria} criteria scored)`;
  if (t.assessed === 'partial') return `Partly assessed: ${t.scored} of ${t.criteria} criteria scored — no total or band until every criterion is scored`;
  return `${t.percent}% — ${t.band}`;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * One bar per criterion against its maximum (level 3), with the level written beside it, so the
 * chart reads without colour. An unscored criterion is drawn hatched and labelled "not assessed",
 * never as an empty bar that would read as level 0. Plain SVG with fixed fonts: the app shows it
 * and the packet embeds it.
 */
export function rubricChartSvg(rubric: RubricPack, levels: Map<string, number>): string {
  const rowH = 26;
  const labelW = 300;
  const barW = 240;
  const top = 34;
  const h = top + rubric.criteria.length * rowH + 16;
  const w = labelW + barW + 110;
  const t = totals(rubric, levels);
  const heading = `${rubric.title} — ${totalsLine(t).replace(/ — no total.*$/, '')}`;
  const rows = rubric.criteria
    .map((c, i) => {
      const y = top + i * rowH;
      const l = levels.get(c.id);
      const title = c.title.length > 46 ? `${c.title.slice(0, 45)}…` : c.title;
      const filled = l === undefined ? 0 : (barW * l) / 3;
      return [
        `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end" font-size="12" fill="#1c1e21">${esc(title)}</text>`,
        l === undefined
          ? `<rect x="${labelW}" y="${y + 4}" width="${barW}" height="14" fill="url(#not-assessed)" stroke="#8a9099" stroke-dasharray="3 2"/>`
          : `<rect x="${labelW}" y="${y + 4}" width="${barW}" height="14" fill="#ffffff" stroke="#8a9099"/>`,
        filled > 0 ? `<rect x="${labelW}" y="${y + 4}" width="${filled.toFixed(1)}" height="14" fill="#1f5fbf"/>` : '',
        `<text x="${labelW + barW + 8}" y="${y + 15}" font-size="12" fill="${l === undefined ? '#565d66' : '#1c1e21'}"${l === undefined ? ' font-style="italic"' : ''}>${l === undefined ? 'not assessed' : `${l} of 3`}</text>`,
      ].join('');
    })
    .join('');
  const defs = `<defs><pattern id="not-assessed" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#c3c8cf" stroke-width="2"/></pattern></defs>`;
  const ticks = [0, 1, 2, 3].map((k) => `<line x1="${labelW + (barW * k) / 3}" y1="${top - 4}" x2="${labelW + (barW * k) / 3}" y2="${h - 12}" stroke="#d5d9df" stroke-dasharray="2 2"/><text x="${labelW + (barW * k) / 3}" y="${top - 8}" text-anchor="middle" font-size="10" fill="#565d66">${k}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="DejaVu Sans, Arial, sans-serif" role="img" aria-label="${esc(heading)}"><title>${esc(heading)}</title>${defs}<rect width="100%" height="100%" fill="#ffffff"/><text x="8" y="16" font-size="13" font-weight="bold" fill="#1c1e21">${esc(heading)}</text>${ticks}${rows}</svg>`;
}
