/**
 * The State Council's holiday notices, transcribed item by item. Each date was checked against
 * the published text and its weekday against the notice's own (周×) annotations; the unit test
 * beside this file re-checks every year against the notice's totals and against the statutory
 * number of holidays (11 days a year until 2024, 13 from 2025).
 *
 * Holiday libraries (chinese-days, chinese-workday) stop at 2026 and answer "working day" for
 * any later date; this table is the only source the calendar trusts. Add a year here, or load
 * it at run time with `HolidayCalendar.withSchedule`, when the next notice is published
 * (usually October to December).
 */
import type { HolidayPeriod, HolidaySchedule } from './schedule';

function period(festivals: HolidayPeriod['festivals'], first: string, last: string, days: number, adjustedWorkingDays: string[] = []): HolidayPeriod {
  return { festivals, first, last, days, adjustedWorkingDays };
}

export const STATE_COUNCIL_SCHEDULES: readonly HolidaySchedule[] = [
  {
    year: 2021,
    notice: { title: '国务院办公厅关于2021年部分节假日安排的通知', number: '国办发明电〔2020〕27号', issuedOn: '2020-11-25' },
    holidays: [
      period(['元旦'], '2021-01-01', '2021-01-03', 3),
      period(['春节'], '2021-02-11', '2021-02-17', 7, ['2021-02-07', '2021-02-20']),
      period(['清明节'], '2021-04-03', '2021-04-05', 3),
      period(['劳动节'], '2021-05-01', '2021-05-05', 5, ['2021-04-25', '2021-05-08']),
      period(['端午节'], '2021-06-12', '2021-06-14', 3),
      period(['中秋节'], '2021-09-19', '2021-09-21', 3, ['2021-09-18']),
      period(['国庆节'], '2021-10-01', '2021-10-07', 7, ['2021-09-26', '2021-10-09']),
    ],
  },
  {
    year: 2022,
    notice: { title: '国务院办公厅关于2022年部分节假日安排的通知', number: '国办发明电〔2021〕11号', issuedOn: '2021-10-25' },
    holidays: [
      period(['元旦'], '2022-01-01', '2022-01-03', 3),
      period(['春节'], '2022-01-31', '2022-02-06', 7, ['2022-01-29', '2022-01-30']),
      period(['清明节'], '2022-04-03', '2022-04-05', 3, ['2022-04-02']),
      period(['劳动节'], '2022-04-30', '2022-05-04', 5, ['2022-04-24', '2022-05-07']),
      period(['端午节'], '2022-06-03', '2022-06-05', 3),
      period(['中秋节'], '2022-09-10', '2022-09-12', 3),
      period(['国庆节'], '2022-10-01', '2022-10-07', 7, ['2022-10-08', '2022-10-09']),
    ],
  },
  {
    year: 2023,
    notice: { title: '国务院办公厅关于2023年部分节假日安排的通知', number: '国办发明电〔2022〕16号', issuedOn: '2022-12-08' },
    holidays: [
      // 2022年12月31日至2023年1月2日: the break starts on the Saturday before New Year.
      period(['元旦'], '2022-12-31', '2023-01-02', 3),
      period(['春节'], '2023-01-21', '2023-01-27', 7, ['2023-01-28', '2023-01-29']),
      period(['清明节'], '2023-04-05', '2023-04-05', 1),
      period(['劳动节'], '2023-04-29', '2023-05-03', 5, ['2023-04-23', '2023-05-06']),
      period(['端午节'], '2023-06-22', '2023-06-24', 3, ['2023-06-25']),
      period(['中秋节', '国庆节'], '2023-09-29', '2023-10-06', 8, ['2023-10-07', '2023-10-08']),
    ],
  },
  {
    year: 2024,
    notice: { title: '国务院办公厅关于2024年部分节假日安排的通知', number: '国办发明电〔2023〕7号', issuedOn: '2023-10-25' },
    holidays: [
      // "1月1日放假，与周末连休": one day off; the weekend before it is an ordinary weekend.
      period(['元旦'], '2024-01-01', '2024-01-01', 1),
      period(['春节'], '2024-02-10', '2024-02-17', 8, ['2024-02-04', '2024-02-18']),
      period(['清明节'], '2024-04-04', '2024-04-06', 3, ['2024-04-07']),
      period(['劳动节'], '2024-05-01', '2024-05-05', 5, ['2024-04-28', '2024-05-11']),
      period(['端午节'], '2024-06-10', '2024-06-10', 1),
      period(['中秋节'], '2024-09-15', '2024-09-17', 3, ['2024-09-14']),
      period(['国庆节'], '2024-10-01', '2024-10-07', 7, ['2024-09-29', '2024-10-12']),
    ],
  },
  {
    year: 2025,
    notice: { title: '国务院办公厅关于2025年部分节假日安排的通知', number: '国办发明电〔2024〕12号', issuedOn: '2024-11-12' },
    holidays: [
      period(['元旦'], '2025-01-01', '2025-01-01', 1),
      period(['春节'], '2025-01-28', '2025-02-04', 8, ['2025-01-26', '2025-02-08']),
      period(['清明节'], '2025-04-04', '2025-04-06', 3),
      period(['劳动节'], '2025-05-01', '2025-05-05', 5, ['2025-04-27']),
      period(['端午节'], '2025-05-31', '2025-06-02', 3),
      period(['国庆节', '中秋节'], '2025-10-01', '2025-10-08', 8, ['2025-09-28', '2025-10-11']),
    ],
  },
  {
    year: 2026,
    notice: { title: '国务院办公厅关于2026年部分节假日安排的通知', number: '国办发明电〔2025〕7号', issuedOn: '2025-11-04' },
    holidays: [
      period(['元旦'], '2026-01-01', '2026-01-03', 3, ['2026-01-04']),
      period(['春节'], '2026-02-15', '2026-02-23', 9, ['2026-02-14', '2026-02-28']),
      period(['清明节'], '2026-04-04', '2026-04-06', 3),
      period(['劳动节'], '2026-05-01', '2026-05-05', 5, ['2026-05-09']),
      period(['端午节'], '2026-06-19', '2026-06-21', 3),
      period(['中秋节'], '2026-09-25', '2026-09-27', 3),
      period(['国庆节'], '2026-10-01', '2026-10-07', 7, ['2026-09-20', '2026-10-10']),
    ],
  },
];
