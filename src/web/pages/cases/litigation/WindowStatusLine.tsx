import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { windowNeedsOverride } from '../../../../domain/litigation';
import type { WindowStatus } from '../../../api/cases';
import { useFormat } from '../../../format';
import { useCaseLabel } from '../shared';

const COLORS: Record<WindowStatus['status'], string> = { within: 'green', late: 'red', no_retrial_refusal: 'red', unknown: 'orange', not_applicable: 'default' };

/**
 * The 6-month application window in words: 「申请期限：至 …，未超期」, or a red flag when the
 * application is late or no served refusal of retrial is recorded (accepting it needs a reason).
 */
export function WindowStatusLine({ window }: { window: WindowStatus }) {
  const { t } = useTranslation(['translation', 'cases']);
  const format = useFormat();
  const label = useCaseLabel();
  const flagged = windowNeedsOverride(window);
  return (
    <Flex gap={8} align="center" wrap data-testid="window-status" data-status={window.status}>
      <Tag color={COLORS[window.status]}>{label('windowStatuses', window.status)}</Tag>
      <Typography.Text type={flagged ? 'danger' : window.status === 'unknown' ? 'warning' : undefined} strong={flagged} data-testid="window-text">
        {t(`cases:litigation.window.${window.status}`, { due: window.due ? format.date(window.due) : '' })}
      </Typography.Text>
    </Flex>
  );
}
