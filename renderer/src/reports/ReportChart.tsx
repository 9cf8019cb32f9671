import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import { Group, Text } from '@mantine/core';
import { showCell } from '../../../shared/reports/format';
import type { ReportChart as Chart, ReportTable } from '../../../shared/reports/model';

/**
 * Series are told apart by more than colour: a solid fill, diagonal hatching, dots and
 * cross-hatching, named in a legend drawn with the same patterns.
 */
const SERIES = [
  { color: '#1c4f82', pattern: null },
  { color: '#4a90c8', pattern: 'hatch' },
  { color: '#7a5c00', pattern: 'dots' },
  { color: '#2f7d4f', pattern: 'cross' },
] as const;

const patternId = (i: number) => `report-pattern-${i}`;

function Patterns() {
  return (
    <defs>
      {SERIES.map((s, i) => (
        <pattern
          key={i}
          id={patternId(i)}
          patternUnits="userSpaceOnUse"
          width="6"
          height="6"
          patternTransform={s.pattern === 'hatch' ? 'rotate(45)' : undefined}
        >
          <rect width="6" height="6" fill={s.pattern ? '#ffffff' : s.color} />
          {s.pattern === 'hatch' && <rect width="3" height="6" fill={s.color} />}
          {s.pattern === 'dots' && <circle cx="3" cy="3" r="1.6" fill={s.color} />}
          {s.pattern === 'cross' && (
            <path d="M0 0L6 6M6 0L0 6" stroke={s.color} strokeWidth="1.4" />
          )}
        </pattern>
      ))}
    </defs>
  );
}

function Swatch({ index }: { index: number }) {
  const s = SERIES[index % SERIES.length] ?? SERIES[0];
  return (
    <svg width="14" height="14" aria-hidden="true">
      <Patterns />
      <rect
        x="0.5"
        y="0.5"
        width="13"
        height="13"
        fill={`url(#${patternId(index % SERIES.length)})`}
        stroke={s.color}
      />
    </svg>
  );
}

/** "Insurance: 0-30 $1,234.00, 31-60 ..." : what the chart shows, for a screen reader. */
export function chartSummary(chart: Chart, table: ReportTable): string {
  const xi = table.columns.findIndex((c) => c.key === chart.x);
  return chart.series
    .map((key) => {
      const i = table.columns.findIndex((c) => c.key === key);
      const col = table.columns[i];
      if (!col || xi < 0) return '';
      const parts = table.rows.map(
        (r) =>
          `${showCell(table.columns[xi]?.kind ?? 'text', r[xi] ?? null)} ${showCell(col.kind, r[i] ?? null)}`,
      );
      return `${col.label}: ${parts.join(', ')}`;
    })
    .filter(Boolean)
    .join('. ');
}

/** The report's chart, drawn from one of its tables; the table itself follows on the screen. */
export function ReportChart({ chart, table }: { chart: Chart; table: ReportTable }) {
  const xi = table.columns.findIndex((c) => c.key === chart.x);
  const xKind = table.columns[xi]?.kind ?? 'text';
  const series = chart.series.map((key, i) => {
    const col = table.columns.find((c) => c.key === key);
    return {
      name: key,
      label: col?.label ?? key,
      color: (SERIES[i % SERIES.length] ?? SERIES[0]).color,
      kind: col?.kind ?? 'count',
    };
  });
  const data = table.rows.map((r) => {
    const point: Record<string, string | number> = { x: showCell(xKind, r[xi] ?? null) };
    for (const s of series) {
      const i = table.columns.findIndex((c) => c.key === s.name);
      // a money column is drawn in dollars so the axis reads naturally; the table keeps cents
      const v = Number(r[i] ?? 0);
      point[s.name] = s.kind === 'money' ? v / 100 : v;
    }
    return point;
  });
  const money = series[0]?.kind === 'money';
  const format = (v: number) =>
    money ? `$${Math.round(v).toLocaleString('en-US')}` : v.toLocaleString('en-US');
  const summary = `${table.title} chart. ${chartSummary(chart, table)}`;
  return (
    <div>
      <Group gap="md" mb={4} aria-hidden="true">
        {series.map((s, i) => (
          <Group key={s.name} gap={4}>
            <Swatch index={i} />
            <Text size="xs">{s.label}</Text>
          </Group>
        ))}
      </Group>
      <div role="img" aria-label={summary} data-testid="report-chart">
        {chart.kind === 'line' ? (
          <LineChart
            h={240}
            data={data}
            dataKey="x"
            series={series.map((s) => ({ name: s.name, label: s.label, color: s.color }))}
            valueFormatter={format}
            withDots
          />
        ) : (
          <BarChart
            h={260}
            data={data}
            dataKey="x"
            type={chart.stacked ? 'stacked' : 'default'}
            series={series.map((s) => ({ name: s.name, label: s.label, color: s.color }))}
            barProps={(s) => ({
              fill: `url(#${patternId(series.findIndex((x) => x.name === s.name) % SERIES.length)})`,
              stroke: s.color,
              strokeOpacity: 1,
            })}
            valueFormatter={format}
            withBarValueLabel={!chart.stacked && data.length <= 12}
          >
            <Patterns />
          </BarChart>
        )}
      </div>
    </div>
  );
}
