import { useLayoutEffect } from 'react';

function stopEscape(event: KeyboardEvent) {
  if (event.key === 'Escape') event.stopPropagation();
}

/**
 * For a modal: Escape closes it and goes no further, so the screen behind it (the account
 * closes on Escape too) stays where it is. Stopped on the way down at the window, where
 * the modal's own Escape listener still hears it; the screen's shortcuts listen lower.
 * A layout effect, so this listener is in place before the modal's: closing the modal
 * unmounts this one, and a listener removed mid-event is never called.
 */
export function useKeepEscape(): void {
  useLayoutEffect(() => {
    window.addEventListener('keydown', stopEscape, { capture: true });
    return () => window.removeEventListener('keydown', stopEscape, { capture: true });
  }, []);
}
