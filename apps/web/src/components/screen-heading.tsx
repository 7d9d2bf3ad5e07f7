import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { hasNavigatedInApp } from '../routing/use-location.ts';

/**
 * The screen's h1. After a move between screens it takes focus, so keyboard and screen-reader users
 * land on the new screen; on a fresh page load focus stays at the top, where the skip link is.
 */
export function ScreenHeading(props: { title: string; children?: ReactNode; focusOnMount?: boolean }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const focusOnMount = props.focusOnMount ?? true;
  useEffect(() => {
    document.title = `${props.title} · ${t('app.name')}`;
  }, [props.title, t]);
  useEffect(() => {
    if (focusOnMount && hasNavigatedInApp()) heading.current?.focus({ preventScroll: true });
  }, [focusOnMount]);
  return (
    <div className="screen-heading">
      <h1 ref={heading} tabIndex={-1}>
        {props.title}
      </h1>
      {props.children}
    </div>
  );
}
