import { AppShell } from '@mantine/core';
import { notifications, Notifications, useNotifications } from '@mantine/notifications';
import { useLayoutEffect } from 'react';

/** The band at the foot of the window that messages show in; the page scrolls clear of it. */
export const NOTIFICATION_BAND_HEIGHT = 52;

/**
 * Messages ("Posted $25.00 …", "Printing failed") in a band of their own at the foot of
 * the window, the AppShell's footer: the page ends above it and scrolls clear of it, so a
 * message never covers a control, however long the page. The band shows one message, the
 * newest; it is a status for screen readers, and an alert when something failed.
 */
export function NotificationBand() {
  const { notifications: shown, queue } = useNotifications();
  // before paint, so an older message is never drawn over a newer one or read as an alert
  useLayoutEffect(() => {
    if (queue.length > 0) for (const n of shown) if (n.id) notifications.hide(n.id);
    for (const n of shown)
      if (n.id && !n.role)
        notifications.update({ ...n, role: n.color === 'red' ? 'alert' : 'status' });
  }, [shown, queue]);
  return (
    <>
      <AppShell.Footer component="div" className="notification-band" />
      <Notifications
        className="notification-band-messages"
        position="bottom-left"
        limit={1}
        containerWidth={960}
        transitionDuration={150}
      />
    </>
  );
}
