import { Alert, Button, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { reportCsv, reportFileName } from '../../../shared/reports/format';
import { REPORT_IDS, REPORT_TITLES, type Report } from '../../../shared/reports/model';
import { api } from '../app/api';
import { messageOf } from '../app/query';
import { navigate } from '../app/router';
import { QueryState } from '../components/States';
import { saveCopy } from '../documents/print';
import { downloadText } from '../export/download';
import { reportInput, reportPath, reportViewFromParams, type ReportView } from './filters';
import { ReportChart } from './ReportChart';
import { ReportFilterBar } from './ReportFilterBar';
import { ReportFigures, ReportTableView } from './ReportTables';

/** What a billing manager reads every week: aging, denials, cash, plans, appeals, the team's work. */
export function ReportsScreen({ params }: { params: URLSearchParams }) {
  const view = reportViewFromParams(params);
  const setView = (v: ReportView) => navigate(reportPath(v));
  const input = reportInput(view);
  const report = useQuery({
    queryKey: ['report', input],
    queryFn: () => api.getReport(input),
    placeholderData: keepPreviousData,
  });
  // the previous report stays on screen while the new filters load, dimmed and not exportable,
  // so a CSV never carries one filter's figures under another's heading
  const fresh = report.data !== undefined && !report.isPlaceholderData;
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2} size="h3">
            Reports
          </Title>
          <Text size="sm" c="dimmed">
            Each report reads the ledger as it stands; every chart is followed by the table it is
            drawn from.
          </Text>
        </div>
        <ExportButtons report={fresh ? report.data : null} view={view} />
      </Group>
      <SegmentedControl
        aria-label="Report"
        data={REPORT_IDS.map((id) => ({ value: id, label: REPORT_TITLES[id] }))}
        value={view.report}
        onChange={(v) => setView({ ...view, report: v as ReportView['report'] })}
      />
      <ReportFilterBar view={view} onChange={setView} />
      {report.data ? (
        <ReportBody report={report.data} busy={!fresh} />
      ) : (
        <QueryState query={report} what="the report" />
      )}
    </Stack>
  );
}

function ReportBody({ report, busy }: { report: Report; busy: boolean }) {
  const chartTable = report.chart && report.tables.find((t) => t.id === report.chart?.tableId);
  return (
    <Stack
      gap="sm"
      aria-label={report.title}
      aria-busy={busy}
      data-filters={report.filtersUsed.map((f) => `${f.label}: ${f.value}`).join('; ')}
      style={{ opacity: busy ? 0.6 : 1 }}
    >
      <ReportFigures figures={report.figures} />
      {report.chart && chartTable && (
        <Paper withBorder radius="sm" p="xs">
          <Title order={3} size="h5" mb={4}>
            Chart: {chartTable.title.toLowerCase()}
          </Title>
          <ReportChart chart={report.chart} table={chartTable} />
        </Paper>
      )}
      {report.tables.map((t) => (
        <ReportTableView key={t.id} table={t} />
      ))}
      <Alert variant="light" color="gray" title="How these figures are made">
        <Stack gap={2}>
          {report.notes.map((n) => (
            <Text key={n} size="xs">
              {n}
            </Text>
          ))}
        </Stack>
      </Alert>
    </Stack>
  );
}

function ExportButtons({ report, view }: { report: Report | null; view: ReportView }) {
  const [printing, setPrinting] = useState(false);
  const csv = () => {
    if (!report) return;
    const name = reportFileName(report, 'csv');
    downloadText(name, reportCsv(report));
    notifications.show({
      color: 'green',
      message: `Exported the ${report.title} report to ${name}.`,
    });
  };
  const pdf = async () => {
    setPrinting(true);
    try {
      const file = await api.getReportPdf(reportInput(view));
      saveCopy({ ...file, warnings: [] });
      notifications.show({
        color: 'green',
        message: `Saved ${file.fileName} (${file.pages} page${file.pages === 1 ? '' : 's'}).`,
      });
    } catch (e) {
      notifications.show({
        color: 'red',
        title: 'The report could not be printed',
        message: messageOf(e),
      });
    } finally {
      setPrinting(false);
    }
  };
  return (
    <Group gap="xs">
      <Button
        variant="default"
        size="xs"
        disabled={!report}
        onClick={csv}
        aria-label="Export CSV of the report"
      >
        Export CSV
      </Button>
      <Button
        variant="default"
        size="xs"
        disabled={!report}
        loading={printing}
        onClick={() => void pdf()}
        aria-label="Save PDF of the report"
      >
        Save PDF
      </Button>
    </Group>
  );
}
