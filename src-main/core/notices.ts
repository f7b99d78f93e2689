import type { Notice } from '../../src-preload/contract';
import type { EmitEvent } from './ports';
import type { NoticeBoard } from './context';

/** Messages the window shows until dismissed (a recovered database, an interrupted rotation). */
export function createNoticeBoard(emit: EmitEvent): NoticeBoard {
  const notices = new Map<string, Notice>();
  return {
    list: () => [...notices.values()],
    add(notice) {
      notices.set(notice.id, notice);
      emit('notice', notice);
    },
    dismiss(id) {
      notices.delete(id);
    },
  };
}
