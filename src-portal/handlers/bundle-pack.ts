import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * One file in the uploads folder that holds a bundle's files one after another: the bundle costs
 * one file to create and one sync instead of one per file (decision 0018). Each upload row names
 * the pack and where its bytes start. `end` is where the next file goes, and always covers only
 * bytes some row will point at: a refused part is cut off again.
 */
export interface BundlePack {
  /** The file's name in the uploads folder (what the rows record). */
  readonly name: string;
  readonly path: string;
  readonly file: FileHandle;
  end: number;
}

export async function openBundlePack(uploadsDir: string, id: string): Promise<BundlePack> {
  const name = `${id}.pack`;
  const path = join(uploadsDir, name);
  return { name, path, file: await open(path, 'wx+'), end: 0 };
}
