import type { ReactNode } from 'react';
import type { Loaded } from '../api/use-load.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { errorText } from './error-text.ts';

/** The line shown while something loads, announced as a status. */
export function Loading(props: { text?: string | undefined }) {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {props.text ?? t('common.loading')}
    </p>
  );
}

/** A failed load or call in the reader's language, announced as an alert. */
export function ErrorAlert(props: { error: unknown }) {
  const translator = useI18n();
  return (
    <p className="form-error" role="alert">
      {errorText(translator, props.error)}
    </p>
  );
}

/**
 * What a loaded value shows: a status while it loads, an alert when it failed, `empty` when the data
 * is an empty list (or `isEmpty` says it is empty), otherwise `children(data)`.
 */
export function LoadState<T>(props: {
  loaded: Loaded<T>;
  loading?: string | undefined;
  empty?: string | undefined;
  isEmpty?: ((data: T) => boolean) | undefined;
  children: (data: T) => ReactNode;
}) {
  const { loaded } = props;
  if (loaded.status === 'loading') return <Loading text={props.loading} />;
  if (loaded.status === 'failed') return <ErrorAlert error={loaded.error} />;
  const isEmpty = props.isEmpty ?? ((data: T) => Array.isArray(data) && data.length === 0);
  if (props.empty !== undefined && isEmpty(loaded.data)) return <p className="empty">{props.empty}</p>;
  return <>{props.children(loaded.data)}</>;
}
