import { openPreview, timeEdit } from '../helpers/preview.ts';

/** Median seconds from saving an edit of the unseen fixture to its text showing in the open preview. */
export async function measurePreview(rounds = 5): Promise<number> {
  const open = await openPreview('unseen', 'bao-cao-mua-vu.md', 'bao-cao-mua-vu.html');
  try {
    const times: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      const marker = `Dấu sửa số ${round} lúc xem trước.`;
      times.push(await timeEdit(open, (text) => `${text}\n${marker}\n`, marker));
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;
  } finally {
    await open.close();
  }
}
