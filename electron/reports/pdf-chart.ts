import { showCell } from '../../shared/reports/format';
import type { ReportChart, ReportTable } from '../../shared/reports/model';

/** Series fills: dark, light and hatched greys, so a black-and-white printer keeps them apart. */
const FILLS = ['#333333', '#9a9a9a', '#d0d0d0', '#666666'];
const MAX_BARS = 24;

/**
 * The report's chart drawn as horizontal bars, one line per row of its table, each series
 * a grey of its own with the legend naming it; the amounts stay in the table below.
 * Returns the y below the chart.
 */
export function drawChart(
  doc: PDFKit.PDFDocument,
  chart: ReportChart,
  table: ReportTable,
  x: number,
  y: number,
  width: number,
): number {
  const xi = table.columns.findIndex((c) => c.key === chart.x);
  const series = chart.series
    .map((key) => ({ key, index: table.columns.findIndex((c) => c.key === key) }))
    .filter((s) => s.index >= 0);
  const rows = table.rows.slice(-MAX_BARS);
  if (xi < 0 || series.length === 0 || rows.length === 0) return y;
  const value = (r: (typeof rows)[number], i: number) => Math.max(0, Number(r[i] ?? 0));
  const extent = Math.max(
    1,
    ...rows.map((r) =>
      chart.stacked
        ? series.reduce((s, ser) => s + value(r, ser.index), 0)
        : Math.max(...series.map((ser) => value(r, ser.index))),
    ),
  );
  const labelWidth = 110;
  const barArea = width - labelWidth - 70;
  const lane = chart.stacked || series.length === 1 ? 9 : 5 * series.length;
  // legend
  let lx = x + labelWidth;
  series.forEach((s, i) => {
    doc.rect(lx, y + 1, 8, 8).fillAndStroke(FILLS[i % FILLS.length] ?? '#000', '#000');
    const label = table.columns[s.index]?.label ?? s.key;
    doc
      .font('sans')
      .fontSize(7.5)
      .fillColor('#000')
      .text(label, lx + 11, y + 1, { lineBreak: false });
    lx += 16 + doc.widthOfString(label) + 8;
  });
  y += 14;
  for (const r of rows) {
    const name = showCell(table.columns[xi]?.kind ?? 'text', r[xi] ?? null);
    doc
      .font('sans')
      .fontSize(7)
      .fillColor('#000')
      .text(name, x, y + 1, {
        width: labelWidth - 6,
        lineBreak: false,
        ellipsis: true,
      });
    let bx = x + labelWidth;
    series.forEach((s, i) => {
      const w = (value(r, s.index) / extent) * barArea;
      const by = chart.stacked || series.length === 1 ? y : y + i * 5;
      const h = chart.stacked || series.length === 1 ? 8 : 4;
      if (w > 0.2) doc.rect(bx, by, w, h).fillAndStroke(FILLS[i % FILLS.length] ?? '#000', '#000');
      if (chart.stacked) bx += w;
    });
    const total = chart.stacked
      ? series.reduce((s, ser) => s + value(r, ser.index), 0)
      : value(r, series[0]?.index ?? 0);
    const kind = table.columns[series[0]?.index ?? 0]?.kind ?? 'count';
    doc
      .font('sans')
      .fontSize(6.5)
      .fillColor('#444')
      .text(showCell(kind, total), x + labelWidth + barArea + 4, y + 1, {
        width: 66,
        lineBreak: false,
      });
    y += lane + 3;
  }
  doc.lineWidth(0.5);
  return y + 10;
}
