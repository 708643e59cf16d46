# ruff: noqa: E501 (an article's paragraph is one line)
"""Short invented articles of the genre, written for these tests (names and figures made up)."""

CONFERENCE = """Thứ Hai, 12/1/2026
BAN TUYÊN GIÁO VÀ DÂN VẬN TỈNH ỦY TRIỂN KHAI NHIỆM VỤ NĂM 2026
09:15 10/01/2026
Chia sẻ
Sáng 9/1, Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Trị tổ chức Hội nghị tổng kết công tác năm 2025, triển khai nhiệm vụ năm 2026. Đồng chí Lê Minh Tâm, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy chủ trì hội nghị.
Năm 2025, toàn tỉnh có 2.345 mô hình “Dân vận khéo”; các cấp đã tổ chức 87 cuộc tiếp xúc, đối thoại với hơn 4.100 lượt người dân. Ngành tổ chức ba lớp tập huấn cho cán bộ cơ sở theo Kế hoạch số 15-KH/BTGDVTU.
Dịp này, Ban Tuyên giáo và Dân vận Tỉnh ủy tặng Giấy khen cho 9 tập thể và 14 cá nhân có thành tích xuất sắc.
Trần Thu Hà
Tin liên quan
Một bài khác không thuộc bài này: 99 mô hình
"""

CEREMONY = """Biểu dương điển hình “Dân vận khéo” giai đoạn 2021-2025
Chiều ngày 14-10, Ủy ban MTTQ Việt Nam tỉnh phối hợp với Ban Dân vận Tỉnh ủy tổ chức Lễ biểu dương điển hình “Dân vận khéo” và kỷ niệm 95 năm Ngày truyền thống công tác dân vận của Đảng (15/10/1930 - 15/10/2025).
Tới dự có đồng chí Hoàng Thị Lan - Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh.
Các đại biểu dự buổi lễ. |
Phát biểu tại buổi lễ, Phó Bí thư Tỉnh ủy Hoàng Thị Lan biểu dương những kết quả mà các mô hình đạt được; đề nghị các cấp quán triệt Chỉ thị số 49-CT/TW và Kết luận 120-KL/TW.
Nhân dịp này, mười một tập thể được nhận Bằng khen của Chủ tịch UBND tỉnh; Ban Dân vận Huyện ủy được tặng Cờ thi đua.
Bài, ảnh: Minh Châu
"""

DIALOGUE = """Bí thư Thành ủy đối thoại với Nhân dân
Ngày 20/5/2024, tại Hải Phòng, Thành ủy tổ chức Hội nghị đối thoại giữa người đứng đầu cấp ủy với Nhân dân. Tham dự có ông Đỗ Văn Khánh, Bí thư Thành ủy, cùng đại diện các sở, ngành.
Tại hội nghị, 25 ý kiến của người dân được nêu và giải đáp ngay tại chỗ.
"""

HTML_PAGE = """<html><head><title>Tọa đàm kỷ niệm Ngày Dân vận</title>
<meta property="article:published_time" content="2024-10-16T08:00:00+07:00"></head><body>
<nav><a href="/">Trang chủ</a> | <a href="/tin">Tin tức</a></nav>
<article><h1>Tọa đàm kỷ niệm Ngày Dân vận</h1>
<p>Chiều 15/10, Ban Dân vận Huyện ủy tổ chức tọa đàm kỷ niệm 25 năm Ngày “Dân vận” của cả nước. Đồng chí Vũ Quốc Huy, Trưởng Ban Dân vận Huyện ủy chủ trì buổi tọa đàm.</p>
<p>Dịp này, 6 cá nhân được nhận Kỷ niệm chương “Vì sự nghiệp Dân vận”.</p>
</article>
<aside><h3>Tin liên quan</h3><ul><li><a href="/x">Hội nghị khác ở tỉnh bạn</a></li></ul></aside>
</body></html>
"""

HA_TINH = """Ban Tuyên giáo và Dân vận Tỉnh ủy Hà Tĩnh triển khai nhiệm vụ năm 2026
10:05 14/01/2026
Sáng 13/1, Ban Tuyên giáo và Dân vận Tỉnh ủy Hà Tĩnh tổ chức Hội nghị tổng kết công tác năm 2025, triển khai nhiệm vụ năm 2026. Đồng chí Phan Thị Ngọc Ánh, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy chủ trì hội nghị.
Năm 2025, toàn tỉnh có 1.318 mô hình “Dân vận khéo”; các cấp tổ chức 64 cuộc tiếp xúc, đối thoại với Nhân dân. Ngành đã tham mưu ban hành Chỉ thị số 07-CT/TU về tăng cường công tác dân vận.
Dịp này, Ban Tuyên giáo và Dân vận Tỉnh ủy tặng Bằng khen cho 12 tập thể có thành tích xuất sắc.
Lê Văn Tường
"""
