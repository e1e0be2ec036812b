/** What a milestone's row shows: done, overdue (due before today and not done), due today, or still to come. */
export type MilestoneStatus = 'done' | 'overdue' | 'dueToday' | 'upcoming';

interface MilestoneDates {
  due_date: string;
  done_date?: string | null;
  /** The server's verdict (its today, in the instance's time zone), when the row came from the API. */
  overdue?: boolean;
}

/** The instance's time zone (settings.TIME_ZONE): "today" is its date, whichever zone the browser is in. */
export const INSTANCE_TIME_ZONE = 'Asia/Shanghai';

/** A moment's date in the instance's time zone, as YYYY-MM-DD (the dates the API sends are plain dates). */
export function instanceDate(moment: Date, timeZone: string = INSTANCE_TIME_ZONE): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(moment);
}

/** The same rule as the server's: a milestone due today is not overdue yet. The server's flag wins where given. */
export function milestoneStatus(milestone: MilestoneDates, today: string): MilestoneStatus {
  if (milestone.done_date) return 'done';
  if (milestone.overdue ?? milestone.due_date < today) return 'overdue';
  return milestone.due_date === today ? 'dueToday' : 'upcoming';
}

/** The tag colour of each status (antd preset colours); the text beside it says the same, never colour alone. */
export const STATUS_COLOURS: Record<MilestoneStatus, string> = {
  done: 'green',
  overdue: 'red',
  dueToday: 'orange',
  upcoming: 'blue',
};
