import { Result } from 'antd';
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BackHomeButton } from './BackHomeButton';

function CrashResult() {
  const { t } = useTranslation();
  return <Result status="error" title={t('result.crashed')} extra={<BackHomeButton />} />;
}

/** A page that fails to render shows an error instead of blanking the whole app. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render() {
    return this.state.failed ? <CrashResult /> : this.props.children;
  }
}
