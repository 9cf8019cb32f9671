import { Badge, Button, Menu } from '@mantine/core';
import type { ReactNode } from 'react';
import { useNotSynced } from '../office/NotSyncedScreen';
import { useApprovalsWaiting } from '../approvals/ApprovalsButton';
import { useAuditReviewer } from '../audit/AuditScreen';
import { navigate, type Route } from './router';

type RouteName = Route['name'];

/** One everyday screen in the top bar; its label never wraps or shrinks. */
export function NavButton({
  route,
  to,
  path,
  children,
}: {
  route: RouteName;
  to: RouteName;
  path: string;
  children: ReactNode;
}) {
  const current = route === to;
  return (
    <Button
      variant={current ? 'light' : 'subtle'}
      px={8}
      onClick={() => navigate(path)}
      aria-current={current ? 'page' : undefined}
      style={{ flexShrink: 0 }}
    >
      {children}
    </Button>
  );
}

/** The magnifier that says the box beside the navigation is the search. */
export function SearchIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="m10.5 10.5 3.5 3.5" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}

function Chevron() {
  return (
    <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
      <path d="M2.5 4.5 6 8l3.5-3.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}

const OFFICE_ROUTES: readonly RouteName[] = [
  'payers',
  'agencies',
  'templates',
  'settings',
  'approvals',
  'audit',
  'backups',
  'notSynced',
];

/**
 * The office's screens (the day's cash summary, payers, collection agencies, templates,
 * settings) and a supervisor's (approvals, audit, backups) in one menu, so the everyday
 * buttons keep their whole labels at 1280 px. What waits for approval shows on the menu's
 * button too, so a supervisor sees it without opening it.
 */
export function OfficeMenu({
  route,
  user,
  cash,
}: {
  route: RouteName;
  /** who is signed in: said here when the header is too narrow to say it */
  user: string;
  /** the day's cash summary */
  cash: string;
}) {
  const approvals = useApprovalsWaiting();
  const auditor = useAuditReviewer();
  const waiting = approvals.supervisor ? approvals.waiting : 0;
  const notSynced = useNotSynced();
  const refused = notSynced.data?.actions.length ?? 0;
  const item = (to: RouteName, path: string, label: string, extra?: ReactNode, name?: string) => (
    <Menu.Item
      onClick={() => navigate(path)}
      aria-current={route === to ? 'page' : undefined}
      aria-label={name}
      fw={route === to ? 600 : undefined}
      rightSection={extra}
    >
      {/* a space before the count: axe reads the visible text as one string */}
      {extra ? `${label} ` : label}
    </Menu.Item>
  );
  const badge = (
    <Badge size="sm" color="yellow" variant="filled" circle={waiting < 10}>
      {waiting}
    </Badge>
  );
  const refusedBadge = (
    <Badge size="sm" color="red" variant="filled" circle={refused < 10}>
      {refused}
    </Badge>
  );
  const officeCounts = [
    ...(waiting > 0 ? [`${waiting} ${waiting === 1 ? 'approval' : 'approvals'} waiting`] : []),
    ...(refused > 0 ? [`${refused} not synced`] : []),
  ];
  return (
    <Menu position="bottom-end" width={220} shadow="md">
      <Menu.Target>
        <Button
          variant={OFFICE_ROUTES.includes(route) ? 'light' : 'subtle'}
          px="xs"
          style={{ flexShrink: 0 }}
          data-header-item
          aria-label={['Office', ...officeCounts].join(', ')}
          rightSection={
            <>
              {waiting > 0 && badge}
              {refused > 0 && refusedBadge}
              <Chevron />
            </>
          }
        >
          {officeCounts.length > 0 ? 'Office ' : 'Office'}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label hiddenFrom="xl">Signed in as {user}</Menu.Label>
        {(approvals.supervisor || auditor) && (
          <>
            <Menu.Label>Supervisor</Menu.Label>
            {approvals.supervisor &&
              (waiting > 0
                ? item(
                    'approvals',
                    '/approvals',
                    'Approvals',
                    badge,
                    `Approvals, ${waiting} waiting`,
                  )
                : item('approvals', '/approvals', 'Approvals'))}
            {auditor && item('audit', '/audit', 'Audit')}
            {approvals.supervisor && item('backups', '/backups', 'Backups')}
            <Menu.Divider />
          </>
        )}
        <Menu.Label>Office</Menu.Label>
        {item('cash', cash, 'Cash summary')}
        {item('payers', '/payers', 'Payers')}
        {item('agencies', '/agencies', 'Collection agencies')}
        {item('templates', '/templates', 'Templates')}
        {item('settings', '/settings', 'Settings')}
        {notSynced.data?.linked &&
          (refused > 0
            ? item(
                'notSynced',
                '/not-synced',
                'Not synced',
                refusedBadge,
                `Not synced, ${refused} waiting`,
              )
            : item('notSynced', '/not-synced', 'Not synced'))}
      </Menu.Dropdown>
    </Menu>
  );
}
