// Weighted totals and the bar chart, computed the same way for the app, the CLI and the packet.
import type { RubricPack, RubricTotals } from '../schemas/rubric.ts';

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
  // Unscored criteria count as 0: a total never looks better for work not done.
  const percent = maxPoints === 0 ? 0 : Math.round((points / maxPoints) * 1000) / 10;
  const band = [...rubric.bands].sort((a, b) => b.min - a.min).find((b) => percent >= b.min)?.label ?? '';
  return { scored, criteria: rubric.criteria.length, percent, band, points, maxPoints };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * One bar per criterion against its maximum (level 3), with the level written beside it, so the
 * chart reads without colour. Plain SVG with fixed fonts: the app shows it and the packet embeds it.
 */
export function rubricChartSvg(rubric: RubricPack, levels: Map<string, number>): string {
  const rowH = 26;
  const labelW = 300;
  const barW = 240;
  const top = 34;
  const h = top + rubric.criteria.length * rowH + 16;
  const w = labelW + barW + 90;
  const t = totals(rubric, levels);
  const rows = rubric.criteria
    .map((c, i) => {
      const y = top + i * rowH;
      const l = levels.get(c.id);
      const title = c.title.length > 46 ? `${c.title.slice(0, 45)}…` : c.title;
      const filled = l === undefined ? 0 : (barW * l) / 3;
      return [
        `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end" font-size="12" fill="#1c1e21">${esc(title)}</text>`,
        `<rect x="${labelW}" y="${y + 4}" width="${barW}" height="14" fill="#ffffff" stroke="#8a9099"/>`,
        filled > 0 ? `<rect x="${labelW}" y="${y + 4}" width="${filled.toFixed(1)}" height="14" fill="#1f5fbf"/>` : '',
        `<text x="${labelW + barW + 8}" y="${y + 15}" font-size="12" fill="#1c1e21">${l === undefined ? 'not scored' : `${l} of 3`}</text>`,
      ].join('');
    })
    .join('');
  const ticks = [0, 1, 2, 3].map((k) => `<line x1="${labelW + (barW * k) / 3}" y1="${top - 4}" x2="${labelW + (barW * k) / 3}" y2="${h - 12}" stroke="#d5d9df" stroke-dasharray="2 2"/><text x="${labelW + (barW * k) / 3}" y="${top - 8}" text-anchor="middle" font-size="10" fill="#565d66">${k}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="DejaVu Sans, Arial, sans-serif" role="img" aria-label="${esc(rubric.title)}: ${t.percent}% (${esc(t.band)})"><title>${esc(rubric.title)}: ${t.percent}% (${esc(t.band)})</title><rect width="100%" height="100%" fill="#ffffff"/><text x="8" y="16" font-size="13" font-weight="bold" fill="#1c1e21">${esc(rubric.title)} — ${t.percent}% (${esc(t.band)})</text>${ticks}${rows}</svg>`;
}
