import { type Split, digitBytesFromJson, embeddedMnistFromBytes, idxSplit } from '@snn/datasets';

/** Training data the page hands to `runFigure1`, with where it came from. */
export interface PageData {
  dataset: 'mnist' | 'fashion-mnist';
  /** What the user picked, for the log and the result's config. */
  source: string;
  train: Split;
  test?: Split;
}

let embedded: Promise<PageData> | undefined;

/**
 * The 10,000 embedded MNIST digits: the `mnist` package's ten per-digit JSON files, served next to
 * the page under `data/mnist/` by the Vite build, split as @snn/datasets does in Node. Fetched once.
 */
export function loadEmbeddedMnist(onProgress?: (loaded: number) => void): Promise<PageData> {
  embedded ??= (async () => {
    let loaded = 0;
    const bytes = await Promise.all(
      Array.from({ length: 10 }, async (_, digit) => {
        const url = new URL(`data/mnist/${digit}.json`, document.baseURI);
        const response = await fetch(url);
        if (!response.ok) {
          throw new Error(
            `Could not fetch ${url} (HTTP ${response.status}); the page's data/mnist/ folder must be deployed with it`,
          );
        }
        const digitBytes = digitBytesFromJson(
          new Uint8Array(await response.arrayBuffer()),
          url.pathname,
        );
        onProgress?.(++loaded);
        return digitBytes;
      }),
    );
    const { train, test } = embeddedMnistFromBytes(
      bytes,
      bytes.map((_, digit) => `data/mnist/${digit}.json`),
    );
    return { dataset: 'mnist', source: 'embedded', train, test };
  })();
  embedded.catch(() => {
    embedded = undefined;
  });
  return embedded;
}

/**
 * A training split from local IDX files the user picked (MNIST or Fashion-MNIST layout, raw or
 * gzip), e.g. `train-images-idx3-ubyte.gz` and `train-labels-idx1-ubyte.gz`.
 */
export async function loadIdxFiles(
  images: File,
  labels: File,
  dataset: PageData['dataset'],
): Promise<PageData> {
  const [imageBytes, labelBytes] = await Promise.all(
    [images, labels].map(async (file) => new Uint8Array(await file.arrayBuffer())),
  );
  const train = idxSplit(imageBytes!, labelBytes!, { images: images.name, labels: labels.name });
  return { dataset, source: `${images.name} + ${labels.name}`, train };
}
