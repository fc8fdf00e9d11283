import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMarkNoticeRead, useNotifications, type Notice } from '../api/notifications';
import { useFormat } from '../format';

/** Deadline reminders (due soon, due, overdue) in the header; opening one marks it read. */
export function NotificationBell() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const { data } = useNotifications();
  const markRead = useMarkNoticeRead();

  const openNotice = (notice: Notice) => {
    if (!notice.read) markRead.mutate(notice.id);
    setOpen(false);
    if (notice.link) void navigate(notice.link);
  };

  const content = (
    <div style={{ width: 360 }} data-testid="notifications">
      {data && data.items.length > 0 ? (
        <List
          size="small"
          dataSource={data.items}
          renderItem={(notice) => (
            <List.Item style={{ cursor: notice.link ? 'pointer' : 'default' }} onClick={() => openNotice(notice)}>
              <List.Item.Meta
                title={<Typography.Text strong={!notice.read}>{notice.title}</Typography.Text>}
                description={format.dateTime(notice.createdAt)}
              />
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      )}
    </div>
  );

  return (
    <Popover trigger="click" placement="bottomRight" title={t('notifications.title')} content={content} open={open} onOpenChange={setOpen}>
      <Badge count={data?.unread ?? 0} size="small" offset={[-4, 4]}>
        <Button type="text" icon={<BellOutlined />} aria-label={t('notifications.title')} data-testid="notification-bell" />
      </Badge>
    </Popover>
  );
}
