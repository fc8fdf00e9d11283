import { addDays } from '../../domain/calendar/isoDate.js';
import { chinaToday } from '../../domain/jointMeetings.js';
import { systemContext } from '../commands/context.js';
import { addResolution, recordMinutes, scheduleMeeting, updateResolution } from '../commands/jointMeetings.js';
import type { Db } from './index.js';

/**
 * The demo's joint meetings (联席会议), dated around the day of seeding: one held two weeks ago by
 * 朝阳区检察院 with 公安分局 and 市场监管局, with minutes and two resolutions (one done, one open and
 * due within days), and one with 住建委 and 公安分局 scheduled for the coming week.
 */
export async function seedDemoMeetings(db: Db): Promise<void> {
  const existing = await db.selectFrom('joint_meetings').select('id').limit(1).execute();
  if (existing.length) return;
  const orgs = await db.selectFrom('organizations').select(['id', 'short_name']).execute();
  const org = (shortName: string) => orgs.find((o) => o.short_name === shortName)?.id;
  const [procuratorate, police, market, housing] = [org('朝阳区检察院'), org('朝阳公安分局'), org('区市场监管局'), org('区住建委')];
  if (!procuratorate || !police || !market || !housing) return;
  const ctx = systemContext('demo-seed');
  const today = chinaToday(new Date());

  const held = await scheduleMeeting(db, ctx, procuratorate, {
    title: '行政执法与检察监督衔接工作联席会议',
    meetingDate: addDays(today, -14),
    startTime: '14:30',
    location: '朝阳区人民检察院第三会议室',
    agenda: '一、通报上季度行刑反向衔接案件办理及检察意见回复情况；\n二、研究醉驾不起诉案件驾驶证吊销衔接问题；\n三、商定市场主体违法信息共享机制。',
    participants: [
      { organizationId: procuratorate, attendees: '张建国（行政检察部主任）、李明' },
      { organizationId: police, attendees: '吴副局长、刘警官' },
      { organizationId: market, attendees: '钱科长' },
    ],
  });
  await recordMinutes(db, ctx, held, {
    version: 1,
    minutes:
      '会议由行政检察部张建国主持。检察院通报了上季度行刑反向衔接案件12件、发出检察意见书7份、已回复5份的情况。' +
      '公安分局介绍了醉驾不起诉案件驾驶证吊销的办理流程，双方同意建立月度名单比对机制。' +
      '市场监管局同意按季度向检察院推送行政处罚案件数据，并指定法制科为联络科室。',
  });
  const licences = await addResolution(db, ctx, held, {
    text: '公安分局对已作出不起诉决定的醉驾案件逐案核查驾驶证吊销情况，并书面反馈核查结果。',
    ownerOrganizationId: police,
    dueDate: addDays(today, 5),
  });
  const penalties = await addResolution(db, ctx, held, {
    text: '市场监管局按季度推送行政处罚案件数据（首批为本年第一季度）。',
    ownerOrganizationId: market,
    dueDate: addDays(today, -3),
  });
  await updateResolution(db, ctx, penalties, 'owner', { version: 1, progressNote: '第一季度处罚案件数据已通过数据共享平台推送。', status: 'done' });
  await updateResolution(db, ctx, licences, 'owner', { version: 1, progressNote: '已完成前两个月名单核查，正在汇总。' });

  await scheduleMeeting(db, ctx, procuratorate, {
    title: '公共租赁住房监督专项联席会议',
    meetingDate: addDays(today, 7),
    startTime: '09:30',
    location: '朝阳区人民检察院第一会议室',
    agenda: '一、通报公租房违规使用大数据模型线索核查情况；\n二、研究违规承租户腾退工作分工。',
    participants: [
      { organizationId: procuratorate, attendees: '李明、王芳' },
      { organizationId: housing, attendees: '冯科长' },
      { organizationId: police, attendees: '刘警官' },
    ],
  });
}
