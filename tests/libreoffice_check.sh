#!/usr/bin/env bash
# libreoffice_check.sh BINARY OUTDIR: the DOCX renderer against a real word processor.
#
# Renders examples/qinghe-liutang-2024-clean.txt (and, when ../shared is there, the 2019-format corpus report
# shoffice_2019_1.js) to DOCX with BINARY (build/gongkai), converts each with
# `libreoffice --headless --convert-to pdf`, and checks: the conversion succeeds, the PDF is non-empty, A4,
# and holds the report's title, the section headings and the tables' header words; the DOCX reads back
# through gongkai's own DOCX reader to the same CSV row. Pages 1–2 and the pages holding the tables become PNGs
# in OUTDIR (pdftoppm, poppler-utils) for a person to look at.
#
# Fonts: the document names the faces of official documents (仿宋_GB2312, 黑体, 楷体_GB2312, 方正小标宋简体, 宋体),
# which a Linux machine does not have. So that the pictures show serif body text and sans headings as an office
# machine would, the conversion runs with a private fontconfig file mapping them to Noto Serif/Sans CJK SC
# (fonts-noto-cjk); the document itself is not changed.
#
# Without libreoffice (or soffice) it says so and exits 0. Ends with "N passed, M failed"; exits 1 on a failure.
# Debian packages: libreoffice-writer-nogui poppler-utils.
set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 BINARY OUTDIR" >&2
    exit 64
fi
bin=$1
outdir=$2
here=$(cd "$(dirname "$0")" && pwd)
examples=${GK_EXAMPLES:-$here/../examples}
shared=${GK_SHARED:-$here/../../shared}

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok: $*"; }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit $?
}

lo=$(command -v libreoffice || command -v soffice || true)
if [ -z "$lo" ]; then
    echo "libreoffice not installed (apt-get install libreoffice-writer-nogui poppler-utils): skipping"
    finish
fi
if [ ! -x "$bin" ]; then
    bad "$bin is not an executable"
    finish
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gk-lo.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$outdir"

cat > "$tmp/fonts.conf" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>仿宋_GB2312</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>仿宋</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>宋体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <match target="pattern">
    <test name="family"><string>方正小标宋简体</string></test>
    <edit name="family" mode="assign" binding="same"><string>Noto Serif CJK SC</string></edit>
    <edit name="weight" mode="assign"><const>bold</const></edit>
  </match>
  <alias binding="same"><family>楷体_GB2312</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>楷体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
</fontconfig>
EOF

# name, input
inputs=("qinghe-liutang-2024" "$examples/qinghe-liutang-2024-clean.txt")
if [ -f "$shared/corpus/raw/shoffice_2019_1.js" ]; then
    inputs+=("shoffice-2019" "$shared/corpus/raw/shoffice_2019_1.js")
else
    echo "shared/ not found: the 2019-format report is skipped"
fi

docs=()
for ((i = 0; i < ${#inputs[@]}; i += 2)); do
    name=${inputs[i]}
    src=${inputs[i + 1]}
    if "$bin" render "$src" --to docx -o "$tmp/$name.docx" 2> "$tmp/$name.err" && [ -s "$tmp/$name.docx" ] &&
        [ "$(head -c 2 "$tmp/$name.docx")" = "PK" ]; then
        ok "$name: rendered to DOCX ($(wc -c < "$tmp/$name.docx") bytes)"
        docs+=("$tmp/$name.docx")
    else
        bad "$name: gongkai render --to docx failed: $(head -c 300 "$tmp/$name.err")"
        continue
    fi
    # gongkai reads its own DOCX back to the same agency, year, format, title and cells (the source and the
    # finding counts aside: findings about the source's own layout do not carry over)
    "$bin" parse --csv "$src" 2> /dev/null | cut -d, -f2-5,8- > "$tmp/$name.want.csv"
    "$bin" parse --csv "$tmp/$name.docx" 2> /dev/null | cut -d, -f2-5,8- > "$tmp/$name.got.csv"
    if [ -s "$tmp/$name.want.csv" ] && cmp -s "$tmp/$name.want.csv" "$tmp/$name.got.csv"; then
        ok "$name: the DOCX reads back to the same values"
    else
        bad "$name: the DOCX reads back differently: $(diff "$tmp/$name.want.csv" "$tmp/$name.got.csv" | head -c 400)"
    fi
done
[ ${#docs[@]} -gt 0 ] || finish

# one LibreOffice run for all documents, with its own profile (no lock on the user's, no first-run state)
if ! FONTCONFIG_FILE="$tmp/fonts.conf" HOME="$tmp" timeout 300 "$lo" -env:UserInstallation="file://$tmp/profile" \
    --headless --norestore --convert-to pdf --outdir "$tmp/pdf" "${docs[@]}" > "$tmp/lo.log" 2>&1; then
    bad "libreoffice --convert-to pdf failed: $(tail -c 400 "$tmp/lo.log")"
fi

for doc in "${docs[@]}"; do
    name=$(basename "$doc" .docx)
    pdf="$tmp/pdf/$name.pdf"
    if [ -s "$pdf" ] && [ "$(head -c 4 "$pdf")" = "%PDF" ]; then
        ok "$name: LibreOffice converted it to PDF ($(wc -c < "$pdf") bytes)"
    else
        bad "$name: no PDF (LibreOffice said: $(tail -c 300 "$tmp/lo.log"))"
        continue
    fi
    if ! command -v pdftotext > /dev/null; then
        echo "poppler-utils not installed: the PDF's text and pages are not checked"
        continue
    fi
    pages=$(pdfinfo "$pdf" 2> /dev/null | sed -n 's/^Pages: *//p')
    size=$(pdfinfo "$pdf" 2> /dev/null | sed -n 's/^Page size: *//p')
    case $size in
        "595"*" x 841"* | "595"*" x 842"*) ok "$name: $pages A4 pages" ;;
        *) bad "$name: page size is $size, not A4" ;;
    esac
    pdftotext -layout "$pdf" "$tmp/$name.txt"
    # the words every rendering must show (the PDF breaks lines inside cells, so single words)
    missing=""
    for w in 总体情况 主动公开政府信息情况 收到和处理政府信息公开申请情况 申请人情况 法人或其他组织 勾稽关系 \
        行政复议 行政诉讼 复议后起诉 存在的主要问题及改进情况 其他需要报告的事项; do
        grep -q "$w" "$tmp/$name.txt" || missing="$missing $w"
    done
    if [ -z "$missing" ]; then ok "$name: the PDF shows the sections and the tables' header words"
    else bad "$name: the PDF lacks:$missing"; fi
    title=$("$bin" parse --json "$doc" 2> /dev/null | sed -n 's/^  "title": "\(.*\)",$/\1/p' | head -1)
    flat=$(tr -d ' \n' < "$tmp/$name.txt")
    if [ -n "$title" ] && [[ $flat == *"$title"* ]]; then ok "$name: the PDF shows the title"
    else bad "$name: the PDF does not show the title \"$title\""; fi
    if command -v pdffonts > /dev/null && pdffonts "$pdf" | grep -q "CJK"; then ok "$name: CJK fonts embedded"
    else bad "$name: no CJK font in the PDF"; fi

    # the pictures: pages 1–2 and every page with a table on it
    if command -v pdftoppm > /dev/null; then
        rm -f "$outdir/$name"-p*.png
        for ((p = 1; p <= ${pages:-0} && p <= 12; p++)); do
            if [ "$p" -le 2 ] || pdftotext -f "$p" -l "$p" "$pdf" - 2> /dev/null |
                grep -qE "信息内容|申请人情况|行政复议"; then
                pdftoppm -f "$p" -l "$p" -r 80 -png -singlefile "$pdf" "$outdir/$name-p$p"
            fi
        done
        cp "$pdf" "$outdir/$name.pdf"
        cp "$doc" "$outdir/$name.docx"
        n=$(ls "$outdir/$name"-p*.png 2> /dev/null | wc -l)
        if [ "$n" -ge 2 ]; then ok "$name: $n pages as PNG in $outdir"
        else bad "$name: pdftoppm wrote $n PNG pages"; fi
    else
        echo "pdftoppm not installed: no PNG pages"
    fi
done
finish
