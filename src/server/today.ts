import { chinaToday } from '../domain/jointMeetings.js';

/**
 * Today's date where the procuratorate works. Deadlines are counted in Chinese calendar days, so
 * "today" is the date in China (UTC+8), not the server's UTC date — at 07:00 in Beijing the UTC
 * date is still yesterday.
 */
export function today(): string {
  return chinaToday(new Date());
}
