/** The words the templates print around an article, per language. */
export interface Labels {
  footnotes: string;
  backToContent: string;
  page: string;
  download: string;
  /** Over the press copy and the booklet. */
  downloadForPrinting: string;
  /** The links from an article to the issue it is in and to the articles around it there. */
  previousArticle: string;
  nextArticle: string;
  inIssue: string;
  downloadPdf: string;
  downloadEpub: string;
  /** The press copy's link: `{trim}` is its page size. */
  downloadPrint: string;
  /** The booklet's link: `{sheet}` is the paper it prints on. */
  downloadBooklet: string;
  source: string;
  /** Before the caption of a photo that the source did not carry. */
  photoNotCarried: string;
  contents: string;
  landmarks: string;
  cover: string;
  publications: string;
  /** The front page's description where the settings give none: `{name}` is the site's name. */
  frontDescription: string;
  linkTargets: string;
  /** The EPUB's accessibility summary, by the images its chapters hold: none, all with text alternatives, or some without. */
  accessibilitySummary: { none: string; described: string; undescribed: string };
  /** Before an issue's number: "Số 12". */
  issueNumber: string;
  /** The words at the top of a bulletin's first page. */
  bulletin: string;
  /** The index's heading over the issues, and over the articles. */
  issues: string;
  articles: string;
  /** The heading of an issue's colophon, for screen readers and bookmarks. */
  colophon: string;
  /** The EPUB's list of the printed edition's pages. */
  pageList: string;
}

const vi: Labels = {
  footnotes: 'Chú thích',
  backToContent: 'Quay lại nội dung',
  page: 'Trang',
  download: 'Tải về',
  downloadForPrinting: 'Để in bản tin trên giấy',
  previousArticle: 'Bài trước',
  nextArticle: 'Bài tiếp theo',
  inIssue: 'Bài viết trong',
  downloadPdf: 'PDF để đọc và lưu',
  downloadEpub: 'Sách điện tử EPUB',
  downloadPrint: 'Bản in {trim} cho nhà in',
  downloadBooklet: 'Bản in gập {sheet} cho máy in văn phòng',
  source: 'Nguồn',
  photoNotCarried: 'Chú thích ảnh (ảnh không kèm theo)',
  contents: 'Mục lục',
  landmarks: 'Các phần chính',
  cover: 'Bìa',
  publications: 'Các ấn phẩm',
  frontDescription: 'Các số bản tin và bài viết của {name}, để đọc trên web, tải về và in.',
  linkTargets: 'Địa chỉ liên kết',
  issueNumber: 'Số',
  bulletin: 'BẢN TIN',
  issues: 'Các số bản tin',
  articles: 'Bài viết',
  colophon: 'Thông tin xuất bản',
  pageList: 'Các trang của bản in',
  accessibilitySummary: {
    none: 'Ấn phẩm gồm văn bản có cấu trúc với các tiêu đề và mục lục để điều hướng; không có nguy cơ gây hại cho người đọc.',
    described: 'Ấn phẩm gồm văn bản có cấu trúc với các tiêu đề và mục lục để điều hướng; hình ảnh có văn bản thay thế; không có nguy cơ gây hại cho người đọc.',
    undescribed: 'Ấn phẩm gồm văn bản có cấu trúc với các tiêu đề và mục lục để điều hướng; một số hình ảnh không có văn bản thay thế; không có nguy cơ gây hại cho người đọc.',
  },
};

const en: Labels = {
  footnotes: 'Notes',
  backToContent: 'Back to content',
  page: 'Page',
  download: 'Download',
  downloadForPrinting: 'To print the bulletin on paper',
  previousArticle: 'Previous article',
  nextArticle: 'Next article',
  inIssue: 'In',
  downloadPdf: 'PDF to read and keep',
  downloadEpub: 'EPUB e-book',
  downloadPrint: '{trim} press copy',
  downloadBooklet: '{sheet} booklet for an office printer',
  source: 'Source',
  photoNotCarried: 'Caption of a photo not included',
  contents: 'Contents',
  landmarks: 'Landmarks',
  cover: 'Cover',
  publications: 'Publications',
  frontDescription: 'The issues and articles of {name}, to read on the web, download and print.',
  linkTargets: 'Link addresses',
  issueNumber: 'No.',
  bulletin: 'BULLETIN',
  issues: 'Issues',
  articles: 'Articles',
  colophon: 'Colophon',
  pageList: 'Pages of the printed edition',
  accessibilitySummary: {
    none: 'Structured text with headings and a table of contents for navigation; no hazards.',
    described: 'Structured text with headings and a table of contents for navigation; images have text alternatives; no hazards.',
    undescribed: 'Structured text with headings and a table of contents for navigation; some images have no text alternative; no hazards.',
  },
};

/** The primary language of a BCP 47 tag, lower case: `vi` of `vi-VN`. */
export function primaryLanguage(lang: string): string {
  return lang.toLowerCase().split('-')[0] ?? '';
}

/** Labels for a BCP 47 tag, by its primary language; English where a language has none yet. */
export function labelsFor(lang: string): Labels {
  const primary = primaryLanguage(lang);
  return primary === 'vi' ? vi : en;
}
