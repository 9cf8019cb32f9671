import type { ParsedInputOf } from '../../shared/api/contract';
import type { ReportPdf } from '../../shared/api/reports';
import { formatUsDate } from '../../shared/dates/iso-date';
import { reportFileName, showCell } from '../../shared/reports/format';
import type { Report, ReportTable } from '../../shared/reports/model';
import type { ReadCtx } from '../core/context';
import {
  createDocument,
  drawOutsideMargins,
  PAGE_HEIGHT,
  PAGE_WIDTH,
  pageCountOf,
} from '../documents/pdf-doc';
import { drawTable, type Column, type TableStyle } from '../documents/table';
import { drawChart } from './pdf-chart';
import { getReport } from './report';

const MARGIN = 48;
const NUMERIC = new Set(['count', 'money', 'percent', 'days']);
const WIDTH = PAGE_WIDTH - MARGIN * 2;
const BOTTOM = PAGE_HEIGHT - MARGIN;
const GREY = '#444444';
const STYLE: TableStyle = {
  font: 'sans',
  boldFont: 'sansBold',
  size: 8,
  padding: 3,
  headerFill: '#e6e6e6',
  rule: '#bbbbbb',
};

function columnsOf(table: ReportTable): Column[] {
  const rest = table.columns.length - 1;
  const first = Math.max(rest > 6 ? 100 : 120, WIDTH - rest * 62);
  const other = rest ? (WIDTH - first) / rest : 0;
  return table.columns.map((c, i) => ({
    header: c.short ?? c.label,
    width: i === 0 ? first : other,
    align: NUMERIC.has(c.kind) ? 'right' : 'left',
  }));
}

/**
 * The printed report: its title, the day it was read, the filters used, the headline
 * figures, the chart and every table, with "Page X of N" on each page.
 */
export async function renderReportPdf(report: Report): Promise<{ bytes: Buffer; pages: number }> {
  const { doc, done } = createDocument({
    date: report.asOf,
    title: report.title,
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
  });
  const newPage = () => {
    doc.addPage();
    return MARGIN + 14;
  };
  newPage();
  doc.font('sansBold').fontSize(16).fillColor('#000000').text(report.title, MARGIN, MARGIN);
  doc.font('sans').fontSize(9).fillColor(GREY);
  doc.text(`As of ${formatUsDate(report.asOf)}`, MARGIN, doc.y + 2);
  const filters = report.filtersUsed.map((f) => `${f.label}: ${f.value}`).join('   ·   ');
  doc.text(`Filters: ${filters || 'none'}`, MARGIN, doc.y + 1, { width: WIDTH });
  let y = doc.y + 10;
  // headline figures, four to a line
  const cell = WIDTH / 4;
  report.figures.forEach((f, i) => {
    const x = MARGIN + (i % 4) * cell;
    const fy = y + Math.floor(i / 4) * 30;
    // a long label is set smaller rather than wrapped into the figure under it
    doc.font('sans').fontSize(7.5);
    const size = Math.max(5.5, Math.min(7.5, (7.5 * (cell - 8)) / doc.widthOfString(f.label)));
    doc
      .fontSize(size)
      .fillColor(GREY)
      .text(f.label, x, fy, { width: cell - 6, lineBreak: false });
    doc
      .font('sansBold')
      .fontSize(11)
      .fillColor('#000000')
      .text(showCell(f.kind, f.value), x, fy + 10, {
        width: cell - 6,
        lineBreak: false,
      });
  });
  y += Math.ceil(report.figures.length / 4) * 30 + 6;
  const chartTable = report.chart && report.tables.find((t) => t.id === report.chart?.tableId);
  if (report.chart && chartTable) y = drawChart(doc, report.chart, chartTable, MARGIN, y, WIDTH);
  for (const table of report.tables) {
    if (y + 60 > BOTTOM) y = newPage();
    doc.font('sansBold').fontSize(10).fillColor('#000000').text(table.title, MARGIN, y);
    y = doc.y + 3;
    const rows = table.rows.map((r) => ({
      cells: r.map((v, i) => showCell(table.columns[i]?.kind ?? 'text', v)),
    }));
    if (table.total)
      rows.push({
        cells: table.total.map((v, i) => showCell(table.columns[i]?.kind ?? 'text', v)),
        bold: true,
      } as (typeof rows)[number]);
    if (rows.length === 0) {
      doc
        .font('sans')
        .fontSize(8)
        .fillColor(GREY)
        .text(table.empty ?? 'Nothing in this period.', MARGIN, y);
      y = doc.y + 12;
      continue;
    }
    y =
      drawTable(doc, columnsOf(table), rows, STYLE, { x: MARGIN, bottom: BOTTOM, newPage }, y) + 14;
  }
  if (report.notes.length) {
    if (y + 40 > BOTTOM) y = newPage();
    doc.font('sans').fontSize(7.5).fillColor(GREY);
    doc.text(report.notes.join('\n'), MARGIN, y, { width: WIDTH });
  }
  const pages = pageCountOf(doc);
  // every page says what it is and where it sits, a single page included
  for (let i = 0; i < pages; i++) {
    doc.switchToPage(i);
    drawOutsideMargins(doc, () => {
      doc.font('sans').fontSize(7.5).fillColor(GREY);
      doc.text(`${report.title} · as of ${formatUsDate(report.asOf)}`, MARGIN, PAGE_HEIGHT - 30, {
        width: WIDTH / 2,
        lineBreak: false,
      });
      doc.text(`Page ${i + 1} of ${pages}`, MARGIN + WIDTH / 2, PAGE_HEIGHT - 30, {
        width: WIDTH / 2,
        align: 'right',
        lineBreak: false,
      });
    });
  }
  doc.end();
  return { bytes: await done, pages };
}

export async function getReportPdf(
  ctx: ReadCtx,
  input: ParsedInputOf<'getReportPdf'>,
): Promise<ReportPdf> {
  const report = getReport(ctx, input);
  const { bytes, pages } = await renderReportPdf(report);
  return { fileName: reportFileName(report, 'pdf'), pdfBase64: bytes.toString('base64'), pages };
}
