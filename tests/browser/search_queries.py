"""The search query table: what a reader types (or opens as a URL) and what must come back.

Each row: (URL query string as a reader would share it, expectation). Expectations name
articles by their URL slug:
  ("top", slug)          the first result
  ("only", {slugs})      exactly these results, in any order
  ("includes", {slugs})  at least these
  ("excludes", {slugs})  none of these (and at least one result)
  ("count", n)           exactly n results
  ("order", [slugs])     the results start with these, in this order
Add rows freely; the same table runs at the domain root and under a sub-path.
"""

LT = "lan-toa-hoc-va-lam-theo-bac-tai-dang-bo-tp-dien-bien-phu"        # Điện Biên Phủ, Thanh Trường; Minh Thảo
LC = "dang-bo-thanh-pho-lai-chau-tich-cuc-hoc-tap-va-lam-theo-bac"      # Lai Châu, Quyết Thắng; Phạm Dung; 2020
MT = "dang-uy-phuong-my-thanh-nang-cao-hieu-qua-chi-thi-05-ct-tw"       # Long Xuyên, Mỹ Thạnh; 2023-06-01
KD = "khoi-day-khat-vong-xay-dung-dien-bien-phat-trien"                 # tỉnh Điện Biên, Mường Luân, Tủa Chùa
DH = "chuyen-bien-trong-hoc-tap-va-lam-theo-bac-o-dong-ha"              # Đông Hà, Quảng Trị; Thanh Tuyền
ALL = {LT, LC, MT, KD, DH}

QUERIES = [
    # places, accented and not
    ("q=Thanh Trường", ("top", LT)),
    ("q=thanh truong", ("top", LT)),
    ("q=THANH TRUONG", ("top", LT)),
    ("q=Điện Biên Phủ", ("top", LT)),
    ("q=dien bien phu", ("top", LT)),
    ("q=Điện Biên", ("excludes", {DH, MT})),
    ("q=Đông Hà", ("top", DH)),
    ("q=dong ha", ("top", DH)),
    ("q=Lai Châu", ("top", LC)),
    ("q=lai chau", ("top", LC)),
    ("q=Mỹ Thạnh", ("top", MT)),
    ("q=my thanh", ("top", MT)),
    ("q=Long Xuyên", ("only", {MT})),
    ("q=long xuyen", ("top", MT)),
    ("q=Mường Luân", ("only", {KD})),
    ("q=muong luan", ("top", KD)),
    ("q=Tủa Chùa", ("only", {KD})),
    ("q=tua chua", ("top", KD)),
    ("q=Quyết Thắng", ("top", LC)),
    ("q=quyet thang", ("top", LC)),
    # words with đ, which Pagefind alone does not fold
    ("q=đảng viên", ("count", 5)),
    ("q=dang vien", ("count", 5)),
    ("q=đạo đức", ("count", 5)),
    ("q=dao duc", ("count", 5)),
    ("q=đột phá", ("includes", {LC, KD, DH})),
    ("q=dot pha", ("includes", {LC, KD, DH})),
    # people
    ("q=Minh Thảo", ("top", LT)),
    ("q=minh thao", ("top", LT)),
    ("q=Phạm Dung", ("top", LC)),
    ("q=pham dung", ("top", LC)),
    ("q=Thanh Tuyền", ("top", DH)),
    ("q=Giàng Páo Mỷ", ("only", {LC})),
    ("q=giang pao my", ("top", LC)),
    ("q=Nguyễn Thị Oanh", ("only", {LT})),
    ("q=nguyen thi oanh", ("top", LT)),
    ("q=Lê Quý Đôn", ("only", {DH})),
    ("q=le quy don", ("top", DH)),
    ("q=Séo Làn Than", ("only", {LC})),
    # phrases, with and without diacritics
    ('q="Thanh Trường"', ("only", {LT})),
    ('q="thanh truong"', ("only", {LT})),
    ('q="dân vận khéo"', ("only", {LT})),
    ('q="dan van kheo"', ("only", {LT})),
    ('q="Nguyễn Thị Oanh"', ("only", {LT})),
    ('q="kenh lo men"', ("only", {MT})),
    # keywords
    ("q=Covid", ("includes", {LT, MT})),
    ("q=cải cách hành chính", ("includes", {LC})),
    ("q=xyzzy", ("count", 0)),
    ('q="Thanh Trường"&tinh=Lai Châu', ("count", 0)),
    # keyword + place filter, filter only, facets
    ("q=dao duc&tinh=Điện Biên", ("only", {LT, KD})),
    ("q=đạo đức&tinh=Điện Biên&tinh=Quảng Trị", ("only", {LT, KD, DH})),
    ("q=chi thi 05&nam=2023", ("only", {MT})),
    ("q=hoc tap&nam=Không rõ năm", ("only", {LT, KD, DH})),
    ("q=học tập&chu-de=Dân vận khéo", ("only", {LT})),
    ("q=Bác&nguon=Báo Quảng Trị", ("only", {DH})),
    # tags are searchable as text: every article tagged is found (these words are in no text)
    ('q="Thi đua khen thưởng"', ("only", {LC, MT})),
    ('q="thi dua khen thuong"', ("only", {LC, MT})),
    ('q="học tập và làm theo Bác"', ("count", 5)),
    # filters alone list their articles: groups intersect, values of a group unite
    ("tinh=Điện Biên", ("only", {LT, KD})),
    ("tinh=Điện Biên&huyen=Điện Biên Phủ", ("only", {LT})),
    ("tinh=Điện Biên&tinh=An Giang&chu-de=Thi đua khen thưởng", ("only", {MT})),
    ("xa=Quyết Thắng", ("only", {LC})),
    ("chu-de=Dân vận khéo", ("only", {LT})),
    ("nguon=Báo Quảng Trị", ("only", {DH})),
    ("nam=Không rõ năm", ("order", [DH, KD, LT])),
    # sort by date: dated newest first, undated after, none dropped
    ("q=bác&sap-xep=ngay", ("order", [MT, LC])),
    ("q=bac&sap-xep=ngay", ("count", 5)),
    # the index is one bundle per year (MT 2023, LC 2020, the others undated) merged in the
    # browser: words missing from a shard, filters and the date sort span the shards
    ("q=muong luan", ("only", {KD, MT})),  # the 2020 shard has neither word, only shorter ones
    ("q=giang pao my", ("only", {LC})),
    ("q=dien bien&nam=2020&nam=2023", ("only", {LC, MT})),
    ("q=dien bien&nam=2023&sap-xep=ngay", ("only", {MT})),
    ('q="can bo"&sap-xep=ngay', ("order", [MT, LC])),
]
