<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="vi_VN">
<context>
    <name>App</name>
    <message>
        <source>reportdesk đang mở với thư mục dữ liệu này; cửa sổ đang mở đã được đưa lên trước.</source>
        <translation>reportdesk is already open with this data folder; its window has been brought to the front.</translation>
    </message>
    <message>
        <source>reportdesk đang mở với thư mục dữ liệu này ở một cửa sổ khác; hãy dùng cửa sổ đó.</source>
        <translation>reportdesk is already open with this data folder in another window; please use that window.</translation>
    </message>
</context>
<context>
    <name>AtmtPage</name>
    <message>
        <source>Kho tổng hợp của Cục ATMT tại %1.

Dấu vân tay chứng thư (đọc cho đơn vị khi họ gọi điện kiểm tra):
%2

Nhận gói, theo dõi tình hình gửi và tổng hợp: dùng các lệnh «reportdesk import», «reportdesk status», «reportdesk consolidate».</source>
        <translation>Consolidation store of Cục ATMT at %1.

Certificate fingerprint (read it to a unit when they call to check):
%2

To receive packages, follow who has reported and consolidate, use «reportdesk import», «reportdesk status», «reportdesk consolidate».</translation>
    </message>
</context>
<context>
    <name>BoardPage</name>
    <message>
        <source>Mọi loại đơn vị</source>
        <translation>All kinds of unit</translation>
    </message>
    <message>
        <source>Mọi trạng thái</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>Ký trong hạn, nhận muộn ⚑</source>
        <translation>Signed on time, received late ⚑</translation>
    </message>
    <message>
        <source>Tìm đơn vị (không cần dấu)…</source>
        <translation>Find a unit (tones optional)…</translation>
    </message>
    <message>
        <source>Loại:</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <source>Trạng thái:</source>
        <translation>State:</translation>
    </message>
    <message>
        <source>ký trong hạn nhưng Cục nhận được muộn</source>
        <translation>signed on time but received late by the Department</translation>
    </message>
    <message>
        <source>Tình hình gửi báo cáo kỳ %1 (%2)</source>
        <translation>Reporting status, period %1 (%2)</translation>
    </message>
    <message>
        <source>Hạn gửi: </source>
        <translation>Deadlines: </translation>
    </message>
    <message>
        <source>%1 báo cáo phải gửi</source>
        <translation>%1 reports due</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <source>Lịch báo cáo và danh mục đơn vị</source>
        <translation>Reporting calendar and unit registry</translation>
    </message>
    <message>
        <source>Các thay đổi được lưu thành dữ liệu trong thư mục dữ liệu (calendar.yaml, units.yaml); bảng tình hình cập nhật ngay.</source>
        <translation>Changes are kept as data in the data folder (calendar.yaml, units.yaml); the status board follows at once.</translation>
    </message>
    <message>
        <source>Hạn gửi báo cáo của kỳ</source>
        <translation>Deadlines of the period</translation>
    </message>
    <message>
        <source>&amp;Lưu hạn gửi</source>
        <translation>&amp;Save deadlines</translation>
    </message>
    <message>
        <source>Thêm kỳ báo cáo đột xuất</source>
        <translation>Add an ad hoc period</translation>
    </message>
    <message>
        <source>ví dụ: ra-soat-ccn</source>
        <translation>e.g. ra-soat-ccn</translation>
    </message>
    <message>
        <source>ví dụ: Rà soát cụm công nghiệp quý III</source>
        <translation>e.g. Industrial cluster review, Q3</translation>
    </message>
    <message>
        <source>Thêm &amp;kỳ đột xuất</source>
        <translation>Add ad hoc &amp;period</translation>
    </message>
    <message>
        <source>Tên ngắn (mã):</source>
        <translation>Short name (code):</translation>
    </message>
    <message>
        <source>Tên kỳ:</source>
        <translation>Period name:</translation>
    </message>
    <message>
        <source>Hạn gửi:</source>
        <translation>Deadline:</translation>
    </message>
    <message>
        <source>Đơn vị báo cáo:</source>
        <translation>Reporting units:</translation>
    </message>
    <message>
        <source>Thêm đơn vị báo cáo</source>
        <translation>Add a reporting unit</translation>
    </message>
    <message>
        <source>ví dụ: TCT-ABC</source>
        <translation>e.g. TCT-ABC</translation>
    </message>
    <message>
        <source>Thêm đơ&amp;n vị</source>
        <translation>Add u&amp;nit</translation>
    </message>
    <message>
        <source>Mã đơn vị:</source>
        <translation>Unit code:</translation>
    </message>
    <message>
        <source>Tên đơn vị:</source>
        <translation>Unit name:</translation>
    </message>
    <message>
        <source>Loại:</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <source>Tên ngắn:</source>
        <translation>Short name:</translation>
    </message>
    <message>
        <source>Địa danh:</source>
        <translation>Place:</translation>
    </message>
    <message>
        <source>Cơ quan chủ quản:</source>
        <translation>Parent agency:</translation>
    </message>
    <message>
        <source>Chữ viết tắt:</source>
        <translation>Abbreviation:</translation>
    </message>
    <message>
        <source>Hạn gửi báo cáo của kỳ %1 (%2)</source>
        <translation>Deadlines of period %1 (%2)</translation>
    </message>
    <message>
        <source>Đã lưu hạn gửi của kỳ %1.</source>
        <translation>Deadlines of period %1 saved.</translation>
    </message>
    <message>
        <source>Đã thêm kỳ đột xuất %1.</source>
        <translation>Ad hoc period %1 added.</translation>
    </message>
    <message>
        <source>Đã thêm đơn vị %1.</source>
        <translation>Unit %1 added.</translation>
    </message>
</context>
<context>
    <name>ConsolidationWindow</name>
    <message>
        <source>reportdesk — Tổng hợp báo cáo (Cục ATMT)</source>
        <translation>reportdesk — Consolidation (Cục ATMT)</translation>
    </message>
    <message>
        <source>&amp;Công cụ</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>&amp;Cài đặt…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>&amp;Gửi đơn vị</source>
        <translation>To &amp;units</translation>
    </message>
    <message>
        <source>Ghi &amp;giấy biên nhận của kỳ…</source>
        <translation>Write &amp;receipts for the period…</translation>
    </message>
    <message>
        <source>Phát hành &amp;bản cập nhật (biểu mẫu, lịch, danh mục)…</source>
        <translation>Publish an &amp;update (forms, calendar, registry)…</translation>
    </message>
    <message>
        <source>1. Nhận gói báo cáo</source>
        <translation>1. Receive packages</translation>
    </message>
    <message>
        <source>2. Tình hình gửi báo cáo</source>
        <translation>2. Reporting status</translation>
    </message>
    <message>
        <source>3. Xem báo cáo</source>
        <translation>3. View a report</translation>
    </message>
    <message>
        <source>4. Chứng thư người ký</source>
        <translation>4. Signers</translation>
    </message>
    <message>
        <source>5. Tổng quan</source>
        <translation>5. Overview</translation>
    </message>
    <message>
        <source>6. Lập báo cáo tổng hợp</source>
        <translation>6. Publish</translation>
    </message>
    <message>
        <source>7. Công văn đôn đốc</source>
        <translation>7. Reminder letter</translation>
    </message>
    <message>
        <source>8. Lịch và danh mục</source>
        <translation>8. Calendar and registry</translation>
    </message>
    <message>
        <source>Sẵn sàng.</source>
        <translation>Ready.</translation>
    </message>
    <message>
        <source>Mật khẩu</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Mật khẩu bảo vệ khóa bí mật của Cục ATMT:</source>
        <translation>Passphrase of the private key of Cục ATMT:</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>Chi tiết đã được ghi vào nhật ký: {path}</source>
        <translation>The details were written to the log: {path}</translation>
    </message>
    <message>
        <source>Không ghi được nhật ký.</source>
        <translation>The log could not be written.</translation>
    </message>
    <message>
        <source>Đã xảy ra lỗi không mong muốn ({kind}); dữ liệu đã lưu vẫn còn nguyên. {where}</source>
        <translation>An unexpected error occurred ({kind}); the data already saved is intact. {where}</translation>
    </message>
    <message>
        <source>Lỗi không mong muốn</source>
        <translation>Unexpected error</translation>
    </message>
</context>
<context>
    <name>EditorPage</name>
    <message>
        <source>← &amp;Về trang chính</source>
        <translation>← &amp;Home</translation>
    </message>
    <message>
        <source>Về danh sách báo cáo (Alt+Home); mọi thay đổi đã được lưu</source>
        <translation>Back to the list of reports (Alt+Home); every change is already saved</translation>
    </message>
    <message>
        <source>Xuất gói…</source>
        <translation>Export package…</translation>
    </message>
    <message>
        <source>Kiểm tra, ký số, mã hóa và ghi gói báo cáo (Ctrl+E)</source>
        <translation>Check, sign, encrypt and write the report package (Ctrl+E)</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>(dòng %1)</source>
        <translation>(row %1)</translation>
    </message>
    <message>
        <source>Xuất gói báo cáo</source>
        <translation>Export the report package</translation>
    </message>
    <message>
        <source>Đang kiểm tra…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>%1 — %2 (báo cáo số %3). Gói được ký bằng khóa của đơn vị và mã hóa cho Cục ATMT.</source>
        <translation>%1 — %2 (report no. %3). The package is signed with the unit&apos;s key and encrypted for Cục ATMT.</translation>
    </message>
    <message>
        <source>Còn %1 lỗi; sửa hết mới xuất được gói. Bấm vào một lỗi để đến ô cần sửa.</source>
        <translation>%1 error(s) remain; fix them all before exporting. Click an error to go to the field.</translation>
    </message>
    <message>
        <source>%1 cảnh báo chưa có giải trình (có thể giải trình trong trang nhập liệu):</source>
        <translation>%1 warning(s) without an explanation (you can explain them in the editor):</translation>
    </message>
    <message>
        <source>Tôi đã xem các cảnh báo trên và &amp;vẫn gửi báo cáo</source>
        <translation>I have read these warnings and &amp;still send the report</translation>
    </message>
    <message>
        <source>Chưa có chứng thư của Cục ATMT: gói cần được mã hóa cho Cục ATMT.</source>
        <translation>No certificate of Cục ATMT yet: the package must be encrypted for Cục ATMT.</translation>
    </message>
    <message>
        <source>Thêm chứng thư &amp;ATMT…</source>
        <translation>Add the &amp;ATMT certificate…</translation>
    </message>
    <message>
        <source>&amp;Thư mục lưu gói:</source>
        <translation>&amp;Folder for the package:</translation>
    </message>
    <message>
        <source>&amp;Mật khẩu khóa ký số:</source>
        <translation>Signing key &amp;passphrase:</translation>
    </message>
    <message>
        <source>&amp;Chọn…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>&amp;Xuất gói</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <source>&amp;Mở thư mục</source>
        <translation>&amp;Open folder</translation>
    </message>
    <message>
        <source>Đó&amp;ng</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>Đã xuất gói báo cáo</source>
        <translation>The report package has been exported</translation>
    </message>
    <message>
        <source>Các lần đã xuất: </source>
        <translation>Exported before: </translation>
    </message>
    <message>
        <source>lần %1 lúc %2</source>
        <translation>revision %1 at %2</translation>
    </message>
    <message>
        <source>Báo cáo này chưa xuất lần nào; gói sẽ là lần gửi thứ nhất.</source>
        <translation>This report was never exported; the package will be revision 1.</translation>
    </message>
    <message>
        <source>Chọn thư mục lưu gói</source>
        <translation>Choose the folder for the package</translation>
    </message>
    <message>
        <source>Đang ký số và mã hóa gói báo cáo…</source>
        <translation>Signing and encrypting the report package…</translation>
    </message>
    <message>
        <source>Tệp: %1
Lần gửi: %2
Dấu vân tay chứng thư ký (SHA-256): %3</source>
        <translation>File: %1
Revision: %2
Signing certificate fingerprint (SHA-256): %3</translation>
    </message>
    <message>
        <source>Tệp</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Lần gửi</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Dấu vân tay chứng thư ký (SHA-256)</source>
        <translation>Signing certificate fingerprint (SHA-256)</translation>
    </message>
    <message>
        <source>Gửi tệp này cho Cục ATMT qua thư điện tử, USB hoặc hệ thống văn bản.</source>
        <translation>Send this file to Cục ATMT by email, USB stick or the document system.</translation>
    </message>
</context>
<context>
    <name>FolderRow</name>
    <message>
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Chọn thư mục lưu</source>
        <translation>Choose the folder to save in</translation>
    </message>
</context>
<context>
    <name>HomeModel</name>
    <message>
        <source>còn %n ngày</source>
        <translation>%n days left</translation>
    </message>
    <message>
        <source>còn 1 ngày</source>
        <translation>1 day left</translation>
    </message>
    <message>
        <source>hạn hôm nay</source>
        <translation>due today</translation>
    </message>
    <message>
        <source>quá hạn %n ngày</source>
        <translation>%n days overdue</translation>
    </message>
    <message>
        <source>Chưa lập</source>
        <translation>Not started</translation>
    </message>
    <message>
        <source>Đã xuất gói lần %1, %2</source>
        <translation>Exported, revision %1, %2</translation>
    </message>
    <message>
        <source>Còn %n lỗi</source>
        <translation>%n error(s)</translation>
    </message>
    <message>
        <source>Sẵn sàng xuất</source>
        <translation>Ready to export</translation>
    </message>
    <message>
        <source>đã sửa sau lần xuất %1</source>
        <translation>changed since revision %1</translation>
    </message>
    <message>
        <source>Bản nháp</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>Trả lại để chỉnh sửa</source>
        <translation>Returned for correction</translation>
    </message>
    <message>
        <source>trễ hạn %1 ngày</source>
        <translation>%1 days late</translation>
    </message>
    <message>
        <source>đúng hạn</source>
        <translation>on time</translation>
    </message>
    <message>
        <source>ATMT đã nhận lúc %1, %2</source>
        <translation>Received by ATMT at %1, %2</translation>
    </message>
    <message>
        <source>; đã chấp nhận</source>
        <translation>; accepted</translation>
    </message>
    <message>
        <source>ATMT đã chấp nhận</source>
        <translation>Accepted by ATMT</translation>
    </message>
    <message>
        <source>Biểu mẫu</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>Kỳ báo cáo</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Hạn gửi</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Còn lại</source>
        <translation>Time left</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Lưu lần cuối</source>
        <translation>Last saved</translation>
    </message>
    <message>
        <source>không có hạn</source>
        <translation>no deadline</translation>
    </message>
    <message>
        <source>đã gửi</source>
        <translation>sent</translation>
    </message>
    <message>
        <source>%1 cảnh báo, %2 chưa giải trình</source>
        <translation>%1 warning(s), %2 without an explanation</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Mã đơn vị %1 · Các báo cáo đơn vị phải gửi Bộ Công Thương (Cục ATMT), theo kỳ</source>
        <translation>Unit code %1 · The reports this unit owes the Ministry of Industry and Trade (Cục ATMT), by period</translation>
    </message>
    <message>
        <source>Hiện cả các kỳ đã qua &amp;hạn</source>
        <translation>Show past perio&amp;ds too</translation>
    </message>
    <message>
        <source>&amp;Lập báo cáo</source>
        <translation>&amp;New report</translation>
    </message>
    <message>
        <source>Lập báo cáo của kỳ đang chọn (Ctrl+N)</source>
        <translation>Start the report of the selected period (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Mở</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>Mở báo cáo để nhập liệu (Enter)</source>
        <translation>Open the report to fill it in (Enter)</translation>
    </message>
    <message>
        <source>&amp;Xuất gói…</source>
        <translation>&amp;Export package…</translation>
    </message>
    <message>
        <source>Kiểm tra, ký số, mã hóa và ghi gói báo cáo (Ctrl+E)</source>
        <translation>Check, sign, encrypt and write the report package (Ctrl+E)</translation>
    </message>
    <message>
        <source>&amp;In (Word)…</source>
        <translation>&amp;Print (Word)…</translation>
    </message>
    <message>
        <source>Ghi báo cáo ra tệp Word (.docx) rồi mở để in (Ctrl+P)</source>
        <translation>Write the report as a Word file (.docx) and open it to print (Ctrl+P)</translation>
    </message>
    <message>
        <source>Tải mẫu &amp;Excel…</source>
        <translation>Excel te&amp;mplate…</translation>
    </message>
    <message>
        <source>Điền từ tệ&amp;p Excel…</source>
        <translation>Fill from Ex&amp;cel…</translation>
    </message>
    <message>
        <source>In giấy &amp;biên nhận…</source>
        <translation>Print the &amp;receipt…</translation>
    </message>
    <message>
        <source>Ghi giấy biên nhận của Cục ATMT ra tệp Word rồi mở để in</source>
        <translation>Write Cục ATMT&apos;s receipt as a Word file and open it to print</translation>
    </message>
    <message>
        <source>Chuyển sa&amp;ng phiên bản mới…</source>
        <translation>Move to the ne&amp;w version…</translation>
    </message>
    <message>
        <source>Chuyển báo cáo sang phiên bản biểu mẫu mới nhất, giữ các câu trả lời còn dùng được</source>
        <translation>Move the report to the latest form version, keeping the answers that still fit</translation>
    </message>
    <message>
        <source>Có phiên bản %1 của biểu mẫu; báo cáo này đang ở phiên bản cũ hơn.</source>
        <translation>Version %1 of the form is available; this report is on an older version.</translation>
    </message>
    <message>
        <source>Góp ý của Cục ATMT (mở báo cáo để xem tại từng trường):</source>
        <translation>Comments from Cục ATMT (open the report to see them at their fields):</translation>
    </message>
    <message>
        <source>Cục ATMT đã ban hành phiên bản %1 của biểu mẫu.</source>
        <translation>Cục ATMT has issued version %1 of the form.</translation>
    </message>
    <message>
        <source>Chưa lập báo cáo %1 cho %2.</source>
        <translation>The report %1 for %2 is not started.</translation>
    </message>
    <message>
        <source>Hạn gửi %1 (%2).</source>
        <translation>Deadline %1 (%2).</translation>
    </message>
    <message>
        <source>Bấm «Lập báo cáo» để bắt đầu.</source>
        <translation>Press «New report» to start.</translation>
    </message>
    <message>
        <source>Báo cáo số %1 · %2 lỗi · %3 cảnh báo (%4 chưa giải trình) · lưu lần cuối %5</source>
        <translation>Report no. %1 · %2 error(s) · %3 warning(s) (%4 without an explanation) · last saved %5</translation>
    </message>
    <message>
        <source>lần %1: %2</source>
        <translation>revision %1: %2</translation>
    </message>
    <message>
        <source>Đã xuất gói: </source>
        <translation>Exported: </translation>
    </message>
    <message>
        <source>Chưa xuất gói lần nào.</source>
        <translation>Never exported.</translation>
    </message>
</context>
<context>
    <name>IdentityDialog</name>
    <message>
        <source>Khóa ký số và chứng thư</source>
        <translation>Signing key and certificates</translation>
    </message>
    <message>
        <source>Chứng thư của đơn vị (Cục ATMT đối chiếu khi nhận gói đầu tiên)</source>
        <translation>The unit&apos;s certificate (Cục ATMT checks it when the first package arrives)</translation>
    </message>
    <message>
        <source>Chủ thể:</source>
        <translation>Subject:</translation>
    </message>
    <message>
        <source>Hiệu lực:</source>
        <translation>Valid:</translation>
    </message>
    <message>
        <source>Dấu vân tay (SHA-256):</source>
        <translation>Fingerprint (SHA-256):</translation>
    </message>
    <message>
        <source>Chứng thư của Cục ATMT (người nhận gói)</source>
        <translation>Certificate of Cục ATMT (the recipient of packages)</translation>
    </message>
    <message>
        <source>&amp;Thêm chứng thư Cục ATMT…</source>
        <translation>&amp;Add the Cục ATMT certificate…</translation>
    </message>
    <message>
        <source>&amp;Lưu chứng thư của đơn vị…</source>
        <translation>&amp;Save the unit&apos;s certificate…</translation>
    </message>
    <message>
        <source>So dấu vân tay qua điện thoại, đọc từng nhóm bốn ký tự.</source>
        <translation>Compare fingerprints over the phone, four characters at a time.</translation>
    </message>
    <message>
        <source>Đang đọc…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Chưa có: cần thêm trước khi xuất gói.</source>
        <translation>None yet: add it before exporting.</translation>
    </message>
    <message>
        <source>Chọn chứng thư của Cục ATMT</source>
        <translation>Choose the certificate of Cục ATMT</translation>
    </message>
    <message>
        <source>Chứng thư (*.pem *.cer *.crt *.der);;Mọi tệp (*)</source>
        <translation>Certificates (*.pem *.cer *.crt *.der);;All files (*)</translation>
    </message>
    <message>
        <source>Dấu vân tay của chứng thư này:
%1

Đã đọc đối chiếu với Cục ATMT và khớp?</source>
        <translation>Fingerprint of this certificate:
%1

Read out and compared with Cục ATMT, and they match?</translation>
    </message>
    <message>
        <source>Đối chiếu dấu vân tay</source>
        <translation>Compare the fingerprint</translation>
    </message>
    <message>
        <source>Lưu chứng thư của đơn vị</source>
        <translation>Save the unit&apos;s certificate</translation>
    </message>
    <message>
        <source>Chứng thư (*.pem)</source>
        <translation>Certificate (*.pem)</translation>
    </message>
</context>
<context>
    <name>IdentityPage</name>
    <message>
        <source>Khóa ký số của đơn vị</source>
        <translation>The unit&apos;s signing key</translation>
    </message>
    <message>
        <source>Mỗi gói báo cáo được ký bằng khóa này. Khóa chỉ nằm trên máy này, luôn được mã hóa bằng mật khẩu.</source>
        <translation>Every report package is signed with this key. It stays on this computer, always encrypted with a passphrase.</translation>
    </message>
    <message>
        <source>Tạo &amp;khóa mới (khuyên dùng)</source>
        <translation>Create a new &amp;key (recommended)</translation>
    </message>
    <message>
        <source>&amp;Nhập khóa và chứng thư do tổ chức chứng thực cấp (.p12 / .pfx)</source>
        <translation>&amp;Import a key and certificate issued by a certification authority (.p12 / .pfx)</translation>
    </message>
    <message>
        <source>Tệp .p12/.pfx:</source>
        <translation>.p12/.pfx file:</translation>
    </message>
    <message>
        <source>Mật khẩu của tệp:</source>
        <translation>File password:</translation>
    </message>
    <message>
        <source>C&amp;họn…</source>
        <translation>B&amp;rowse…</translation>
    </message>
    <message>
        <source>Đặt mật khẩu bảo vệ khóa trên máy này (ít nhất 8 ký tự). Mỗi lần xuất gói sẽ hỏi mật khẩu này; mất mật khẩu thì phải tạo khóa mới.</source>
        <translation>Choose a passphrase protecting the key on this computer (at least 8 characters). Every export asks for it; a lost passphrase means a new key.</translation>
    </message>
    <message>
        <source>&amp;Mật khẩu:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>Nhập &amp;lại:</source>
        <translation>&amp;Repeat:</translation>
    </message>
    <message>
        <source>Chọn tệp khóa</source>
        <translation>Choose the key file</translation>
    </message>
    <message>
        <source>Khóa và chứng thư (*.p12 *.pfx)</source>
        <translation>Key and certificate (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Hai lần nhập chưa khớp.</source>
        <translation>The two entries differ.</translation>
    </message>
    <message>
        <source>Đã khớp.</source>
        <translation>They match.</translation>
    </message>
</context>
<context>
    <name>InboxDialog</name>
    <message>
        <source>Giấy biên nhận</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Kết quả xem xét</source>
        <translation>Review decision</translation>
    </message>
    <message>
        <source>Bản cập nhật</source>
        <translation>Update</translation>
    </message>
    <message>
        <source>Nhập thư từ Cục ATMT</source>
        <translation>Import files from Cục ATMT</translation>
    </message>
    <message>
        <source>Giấy biên nhận, kết quả xem xét và bản cập nhật do Cục ATMT ký số. Mỗi tệp được kiểm tra chữ ký với chứng thư Cục ATMT đã ghim; tệp không hợp lệ bị từ chối và không thay đổi gì. Các tệp (%1):</source>
        <translation>Receipts, review decisions and updates signed by Cục ATMT. Each file&apos;s signature is checked against the pinned Cục ATMT certificate; an invalid file is refused and changes nothing. Files (%1):</translation>
    </message>
    <message>
        <source>&amp;Mật khẩu khóa ký số:</source>
        <translation>&amp;Signing key passphrase:</translation>
    </message>
    <message>
        <source>&amp;Nhập</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>Đó&amp;ng</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>Đang kiểm tra và nhập thư từ Cục ATMT…</source>
        <translation>Checking and importing the files from Cục ATMT…</translation>
    </message>
    <message>
        <source>Đã áp dụng %1 tệp, từ chối %2 tệp.</source>
        <translation>%1 files applied, %2 refused.</translation>
    </message>
    <message>
        <source>✓ %1 — đã áp dụng: %2</source>
        <translation>✓ %1 — applied: %2</translation>
    </message>
    <message>
        <source>✗ %1 — từ chối: %2</source>
        <translation>✗ %1 — refused: %2</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Tệp</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Công cụ</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>Trợ &amp;giúp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Lập báo cáo mới</source>
        <translation>&amp;New report</translation>
    </message>
    <message>
        <source>&amp;Mở báo cáo</source>
        <translation>&amp;Open report</translation>
    </message>
    <message>
        <source>&amp;Lưu (tự động)</source>
        <translation>&amp;Save (automatic)</translation>
    </message>
    <message>
        <source>&amp;Xuất gói báo cáo…</source>
        <translation>&amp;Export package…</translation>
    </message>
    <message>
        <source>&amp;In báo cáo (Word)…</source>
        <translation>&amp;Print report (Word)…</translation>
    </message>
    <message>
        <source>Tải &amp;mẫu Excel…</source>
        <translation>Excel &amp;template…</translation>
    </message>
    <message>
        <source>Điền từ tệp &amp;Excel…</source>
        <translation>Fill from &amp;Excel…</translation>
    </message>
    <message>
        <source>Nhập thư từ &amp;Cục ATMT…</source>
        <translation>Import files from &amp;Cục ATMT…</translation>
    </message>
    <message>
        <source>Nhập giấy biên nhận, kết quả xem xét, bản cập nhật (.rdrcpt, .rdrev, .rdupd); có thể kéo thả tệp vào cửa sổ</source>
        <translation>Import receipts, review decisions, updates (.rdrcpt, .rdrev, .rdupd); files can also be dropped onto the window</translation>
    </message>
    <message>
        <source>Thoát chế độ &amp;dùng thử</source>
        <translation>Leave the &amp;demo</translation>
    </message>
    <message>
        <source>&amp;Thoát</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Trang chính</source>
        <translation>&amp;Home</translation>
    </message>
    <message>
        <source>&amp;Cài đặt…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>&amp;Khóa ký số và chứng thư…</source>
        <translation>Signing &amp;key and certificates…</translation>
    </message>
    <message>
        <source>&amp;Giới thiệu</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>DỮ LIỆU THỬ (DEMO): mọi báo cáo ở đây là dữ liệu trình diễn, không gửi cho ai.</source>
        <translation>DEMO DATA: every report here is for demonstration and is sent to no one.</translation>
    </message>
    <message>
        <source>Mật khẩu khóa ký số của dữ liệu thử: %1</source>
        <translation>Passphrase of the demo keys: %1</translation>
    </message>
    <message>
        <source>(dữ liệu thử)</source>
        <translation>(demo data)</translation>
    </message>
    <message>
        <source>Đã lập báo cáo số %1.</source>
        <translation>Report no. %1 started.</translation>
    </message>
    <message>
        <source>Đã tự lưu: mọi thay đổi được lưu ngay khi nhập, không cần bấm Lưu.</source>
        <translation>Saved automatically: every change is saved as you type; there is nothing to save.</translation>
    </message>
    <message>
        <source>Đã ghi %1</source>
        <translation>Wrote %1</translation>
    </message>
    <message>
        <source>Đang ghi tệp Word…</source>
        <translation>Writing the Word file…</translation>
    </message>
    <message>
        <source>Lưu mẫu Excel</source>
        <translation>Save the Excel template</translation>
    </message>
    <message>
        <source>Sổ tính Excel (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>Đã ghi mẫu Excel: %1</source>
        <translation>Excel template written: %1</translation>
    </message>
    <message>
        <source>Chọn tệp Excel đã điền</source>
        <translation>Choose the filled Excel file</translation>
    </message>
    <message>
        <source>Đã điền báo cáo số %1 từ %2</source>
        <translation>Report no. %1 filled from %2</translation>
    </message>
    <message>
        <source>Chọn thư từ Cục ATMT</source>
        <translation>Choose files from Cục ATMT</translation>
    </message>
    <message>
        <source>Thư từ Cục ATMT (*.rdrcpt *.rdrev *.rdupd)</source>
        <translation>Files from Cục ATMT (*.rdrcpt *.rdrev *.rdupd)</translation>
    </message>
    <message>
        <source>Không có tệp .rdrcpt, .rdrev hay .rdupd nào để nhập.</source>
        <translation>No .rdrcpt, .rdrev or .rdupd file to import.</translation>
    </message>
    <message>
        <source>Chuyển báo cáo số %1 từ phiên bản %2 sang phiên bản %3 của biểu mẫu?</source>
        <translation>Move report %1 from version %2 to version %3 of the form?</translation>
    </message>
    <message>
        <source>Các câu trả lời sau không còn chỗ trong phiên bản mới và sẽ bị bỏ (vẫn giữ trong lịch sử của báo cáo): %1</source>
        <translation>These answers have no place in the new version and will be dropped (they stay in the report&apos;s history): %1</translation>
    </message>
    <message>
        <source>Mọi câu trả lời đều được giữ.</source>
        <translation>Every answer is kept.</translation>
    </message>
    <message>
        <source>Chuyển sang phiên bản mới</source>
        <translation>Move to the new version</translation>
    </message>
    <message>
        <source>Báo cáo số %1 đã chuyển sang phiên bản %2.</source>
        <translation>Report %1 moved to version %2.</translation>
    </message>
    <message>
        <source>Giới thiệu</source>
        <translation>About</translation>
    </message>
    <message>
        <source>reportdesk %1 — báo cáo thực hiện Chỉ thị 20/CT-TTg của Bộ Công Thương.
Thư mục dữ liệu: %2</source>
        <translation>reportdesk %1 — reporting on Directive 20/CT-TTg for the Ministry of Industry and Trade.
Data folder: %2</translation>
    </message>
    <message>
        <source>Lần mở sau, ứng dụng sẽ hỏi thiết lập kho dữ liệu thật.</source>
        <translation>Next time, the app will ask to set up a real store.</translation>
    </message>
</context>
<context>
    <name>ModePage</name>
    <message>
        <source>Chào mừng đến với reportdesk</source>
        <translation>Welcome to reportdesk</translation>
    </message>
    <message>
        <source>Báo cáo thực hiện Chỉ thị 20/CT-TTg, làm việc không cần mạng. Máy này dùng để làm gì?</source>
        <translation>Reporting on Directive 20/CT-TTg, offline. What is this computer for?</translation>
    </message>
    <message>
        <source>&amp;Đơn vị báo cáo — Sở Công Thương, Cục/Vụ, Tập đoàn, Tổng công ty</source>
        <translation>A &amp;reporting unit — Department of Industry and Trade, ministry department, corporation</translation>
    </message>
    <message>
        <source>Nhập số liệu, kiểm tra, ký số và xuất gói báo cáo gửi Cục ATMT.</source>
        <translation>Enter figures, check, sign and export report packages for Cục ATMT.</translation>
    </message>
    <message>
        <source>&amp;Tổng hợp — Cục Kỹ thuật an toàn và Môi trường công nghiệp</source>
        <translation>&amp;Consolidation — Industrial Safety Techniques and Environment Agency</translation>
    </message>
    <message>
        <source>Nhận gói của các đơn vị, theo dõi ai đã gửi, lập báo cáo tổng hợp.</source>
        <translation>Receive the units&apos; packages, follow who has reported, consolidate.</translation>
    </message>
    <message>
        <source>Dùng &amp;thử với dữ liệu mẫu (DEMO)</source>
        <translation>&amp;Try with demo data (DEMO)</translation>
    </message>
    <message>
        <source>Một bộ dữ liệu trình diễn đầy đủ để làm quen; không gửi cho ai, có thể bỏ bất cứ lúc nào.</source>
        <translation>A complete demonstration world to get to know the app; sent to no one, can be left at any time.</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Tổng quan</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>Tổng quan kỳ %1</source>
        <translation>Overview of period %1</translation>
    </message>
    <message>
        <source>Đã nhận %1/%2 báo cáo (%3); đúng hạn %4, muộn %5, chưa gửi %6, chờ xử lý %7.</source>
        <translation>Received %1/%2 reports (%3); on time %4, late %5, missing %6, pending %7.</translation>
    </message>
    <message>
        <source> Toàn quốc: %1/%2 cụm công nghiệp có hệ thống xử lý nước thải tập trung (%3).</source>
        <translation> Nationwide: %1/%2 industrial clusters have a centralised wastewater system (%3).</translation>
    </message>
    <message>
        <source>Tiến độ gửi báo cáo theo loại đơn vị</source>
        <translation>Reporting progress by kind of unit</translation>
    </message>
    <message>
        <source>Xử lý nước thải tập trung ở cụm công nghiệp, theo tỉnh (%)</source>
        <translation>Centralised wastewater treatment in industrial clusters, by province (%)</translation>
    </message>
    <message>
        <source>Cụm có hệ thống XLNT tập trung</source>
        <translation>Clusters with a centralised system</translation>
    </message>
    <message>
        <source>Hệ thống vận hành ổn định</source>
        <translation>Systems operating stably</translation>
    </message>
    <message>
        <source>(chưa có số liệu)</source>
        <translation>(no data yet)</translation>
    </message>
</context>
<context>
    <name>PlaceholderEditor</name>
    <message>
        <source>Báo cáo số %1 đã lưu. Trình nhập liệu chưa có trong bản này; hãy điền từ tệp Excel.</source>
        <translation>Report no. %1 is saved. The editor is not in this build; fill it from an Excel file.</translation>
    </message>
</context>
<context>
    <name>PublishPage</name>
    <message>
        <source>Lập báo cáo tổng hợp</source>
        <translation>Publish the consolidated report</translation>
    </message>
    <message>
        <source>Đánh giá và đề xuất của Cục ATMT (đưa vào báo cáo Word)</source>
        <translation>Cục ATMT&apos;s assessment and proposals (carried into the Word report)</translation>
    </message>
    <message>
        <source>Đánh giá chung về tình hình thực hiện trong kỳ…</source>
        <translation>Overall assessment of the period…</translation>
    </message>
    <message>
        <source>Đề xuất, kiến nghị với Lãnh đạo Bộ…</source>
        <translation>Proposals to the Ministry&apos;s leadership…</translation>
    </message>
    <message>
        <source>Đánh giá chung:</source>
        <translation>Assessment:</translation>
    </message>
    <message>
        <source>Đề xuất, kiến nghị:</source>
        <translation>Proposals:</translation>
    </message>
    <message>
        <source>&amp;Lưu nội dung</source>
        <translation>&amp;Save text</translation>
    </message>
    <message>
        <source>Tệp kết quả</source>
        <translation>Output files</translation>
    </message>
    <message>
        <source>Thư mục lưu:</source>
        <translation>Save in:</translation>
    </message>
    <message>
        <source>Lập &amp;bảng tính Excel và báo cáo Word</source>
        <translation>Make the Excel &amp;workbook and the Word report</translation>
    </message>
    <message>
        <source>&amp;Mở thư mục</source>
        <translation>&amp;Open folder</translation>
    </message>
    <message>
        <source>Lập báo cáo tổng hợp kỳ %1</source>
        <translation>Publish the consolidated report of period %1</translation>
    </message>
    <message>
        <source>Đã lưu đánh giá và đề xuất.</source>
        <translation>Assessment and proposals saved.</translation>
    </message>
    <message>
        <source>Đang lập báo cáo tổng hợp…</source>
        <translation>Making the consolidated report…</translation>
    </message>
    <message>
        <source>Đã dừng; chưa ghi tệp nào.</source>
        <translation>Stopped; no file written.</translation>
    </message>
    <message>
        <source>Đã ghi:</source>
        <translation>Written:</translation>
    </message>
</context>
<context>
    <name>ReceiptsDialog</name>
    <message>
        <source>Lập giấy biên nhận</source>
        <translation>Write receipts</translation>
    </message>
    <message>
        <source>Giấy biên nhận cho mọi lần gửi đã nhận của %1 mà chưa lập giấy biên nhận: mỗi lần gửi một tệp .rdrcpt, ký số của Cục ATMT và mã hóa cho đơn vị. Lần chạy sau không lập lại những giấy đã lập.</source>
        <translation>Receipts for every revision received for %1 that has none yet: one .rdrcpt file per revision, signed by Cục ATMT and encrypted to the unit. A later run does not write them again.</translation>
    </message>
    <message>
        <source>Thư mục &amp;ghi tệp:</source>
        <translation>Output &amp;folder:</translation>
    </message>
    <message>
        <source>&amp;Mật khẩu khóa ký số:</source>
        <translation>&amp;Signing key passphrase:</translation>
    </message>
    <message>
        <source>&amp;Lập giấy biên nhận</source>
        <translation>&amp;Write receipts</translation>
    </message>
    <message>
        <source>Đó&amp;ng</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>Chọn…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Đang lập giấy biên nhận…</source>
        <translation>Writing receipts…</translation>
    </message>
    <message>
        <source>Không có lần gửi nào chưa lập giấy biên nhận.</source>
        <translation>Every received revision already has a receipt.</translation>
    </message>
    <message>
        <source>Đã lập %1 giấy biên nhận trong %2.</source>
        <translation>%1 receipts written in %2.</translation>
    </message>
    <message>
        <source>trễ hạn %1 ngày</source>
        <translation>%1 days late</translation>
    </message>
    <message>
        <source>đúng hạn</source>
        <translation>on time</translation>
    </message>
    <message>
        <source>lần gửi %1</source>
        <translation>revision %1</translation>
    </message>
</context>
<context>
    <name>ReceivePage</name>
    <message>
        <source>Nhận gói báo cáo</source>
        <translation>Receive packages</translation>
    </message>
    <message>
        <source>Kéo thả tệp .rdpkg hoặc thư mục vào đây, hoặc bấm «Chọn tệp…» / «Chọn thư mục…». Nhập lại cùng một thư mục là vô hại: gói đã nhận được báo «trùng» và không thay đổi gì.</source>
        <translation>Drop .rdpkg files or folders here, or press «Choose files…» / «Choose folder…». Importing the same folder again is harmless: packages already received are reported as «duplicate» and nothing changes.</translation>
    </message>
    <message>
        <source>Chọn &amp;tệp…</source>
        <translation>Choose &amp;files…</translation>
    </message>
    <message>
        <source>Chọn thư &amp;mục…</source>
        <translation>Choose f&amp;older…</translation>
    </message>
    <message>
        <source>&amp;Dừng nhập</source>
        <translation>&amp;Stop import</translation>
    </message>
    <message>
        <source>Lọc kết quả (đơn vị, biểu mẫu, kết quả, lý do; không cần dấu)…</source>
        <translation>Filter results (unit, form, outcome, reason; tones optional)…</translation>
    </message>
    <message>
        <source>&amp;Sao chép</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <source>Chọn gói báo cáo</source>
        <translation>Choose report packages</translation>
    </message>
    <message>
        <source>Gói báo cáo (*.rdpkg);;Mọi tệp (*)</source>
        <translation>Report packages (*.rdpkg);;All files (*)</translation>
    </message>
    <message>
        <source>Chọn thư mục chứa gói báo cáo</source>
        <translation>Choose a folder of report packages</translation>
    </message>
    <message>
        <source>Đang nhập…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>%1 tệp: đã nhận %2, trùng %3, bản cũ %4, cách ly %5, từ chối %6.</source>
        <translation>%1 files: accepted %2, duplicate %3, stale %4, quarantined %5, rejected %6.</translation>
    </message>
    <message>
        <source>Mọi gói đều đã nhận trước đó: nhập lại là vô hại, không có gì thay đổi.</source>
        <translation>Every package had been received before: importing again is harmless, nothing changed.</translation>
    </message>
    <message>
        <source>Đã dừng theo yêu cầu; các tệp chưa xử lý không bị thay đổi.</source>
        <translation>Stopped as asked; the files not yet processed were left untouched.</translation>
    </message>
</context>
<context>
    <name>RecipientPage</name>
    <message>
        <source>Chứng thư của Cục ATMT</source>
        <translation>The certificate of Cục ATMT</translation>
    </message>
    <message>
        <source>Gói báo cáo được mã hóa để chỉ Cục ATMT mở được. Chọn tệp chứng thư Cục ATMT gửi cho đơn vị.</source>
        <translation>Packages are encrypted so that only Cục ATMT can open them. Choose the certificate file Cục ATMT sent you.</translation>
    </message>
    <message>
        <source>&amp;Tệp chứng thư (.pem, .cer, .crt):</source>
        <translation>Certificate &amp;file (.pem, .cer, .crt):</translation>
    </message>
    <message>
        <source>C&amp;họn…</source>
        <translation>B&amp;rowse…</translation>
    </message>
    <message>
        <source>Gọi điện cho Cục ATMT và đọc cho nhau dấu vân tay trên, từng nhóm bốn ký tự. Chỉ bấm «Tiếp» khi hai bên khớp nhau. Có thể bỏ trống và thêm sau; khi đó chưa xuất được gói.</source>
        <translation>Call Cục ATMT and read the fingerprint above to each other, four characters at a time. Press «Next» only when both match. You may leave this empty and add it later; until then no package can be exported.</translation>
    </message>
    <message>
        <source>Chọn chứng thư của Cục ATMT</source>
        <translation>Choose the certificate of Cục ATMT</translation>
    </message>
    <message>
        <source>Chứng thư (*.pem *.cer *.crt *.der);;Mọi tệp (*)</source>
        <translation>Certificates (*.pem *.cer *.crt *.der);;All files (*)</translation>
    </message>
    <message>
        <source>Không đọc được tệp chứng thư này.</source>
        <translation>This certificate file cannot be read.</translation>
    </message>
    <message>
        <source>Đang đọc chứng thư…</source>
        <translation>Reading the certificate…</translation>
    </message>
    <message>
        <source>Chủ thể: %1 (%2) · hiệu lực đến %3 · dấu vân tay SHA-256:</source>
        <translation>Subject: %1 (%2) · valid until %3 · SHA-256 fingerprint:</translation>
    </message>
</context>
<context>
    <name>ReminderPage</name>
    <message>
        <source>Công văn đôn đốc</source>
        <translation>Reminder letter</translation>
    </message>
    <message>
        <source>Tính đến ngày:</source>
        <translation>As of:</translation>
    </message>
    <message>
        <source>Thư mục lưu:</source>
        <translation>Save in:</translation>
    </message>
    <message>
        <source>Lập &amp;công văn đôn đốc (Word)</source>
        <translation>Make the reminder &amp;letter (Word)</translation>
    </message>
    <message>
        <source>&amp;Mở thư mục</source>
        <translation>&amp;Open folder</translation>
    </message>
    <message>
        <source>Công văn đôn đốc kỳ %1</source>
        <translation>Reminder letter, period %1</translation>
    </message>
    <message>
        <source>%1 báo cáo chưa gửi sau hạn; công văn liệt kê đúng các đơn vị này.</source>
        <translation>%1 reports missing after the deadline; the letter lists exactly these units.</translation>
    </message>
    <message>
        <source>Không có đơn vị nào chưa gửi sau hạn.</source>
        <translation>No unit is missing after the deadline.</translation>
    </message>
    <message>
        <source>Đã ghi %1 (%2 đơn vị).</source>
        <translation>Wrote %1 (%2 units).</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>dòng %1</source>
        <translation>row %1</translation>
    </message>
    <message>
        <source>Vị trí</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Ý kiến</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Xem xét báo cáo nhận từ đơn vị</source>
        <translation>Review a report received from a unit</translation>
    </message>
    <message>
        <source>Lần gửi %1 · nhận lúc %2</source>
        <translation>Revision %1 · received at %2</translation>
    </message>
    <message>
        <source>quyết định trước: %1 (lần gửi %2)</source>
        <translation>previous decision: %1 (revision %2)</translation>
    </message>
    <message>
        <source>&amp;Chấp nhận</source>
        <translation>&amp;Accept</translation>
    </message>
    <message>
        <source>&amp;Trả lại để chỉnh sửa</source>
        <translation>&amp;Return for correction</translation>
    </message>
    <message>
        <source>&amp;Lý do:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>Bắt buộc khi trả lại; đơn vị đọc thấy trên màn hình chính</source>
        <translation>Required to return; the unit reads it on its home screen</translation>
    </message>
    <message>
        <source>Ý kiến gắn với trường, dòng hoặc ô của bảng</source>
        <translation>Comments at fields, table rows or cells</translation>
    </message>
    <message>
        <source>&amp;Vị trí:</source>
        <translation>&amp;Place:</translation>
    </message>
    <message>
        <source>Dò&amp;ng:</source>
        <translation>Ro&amp;w:</translation>
    </message>
    <message>
        <source>cả bảng</source>
        <translation>whole table</translation>
    </message>
    <message>
        <source>Cộ&amp;t:</source>
        <translation>Colu&amp;mn:</translation>
    </message>
    <message>
        <source>Ý &amp;kiến:</source>
        <translation>Co&amp;mment:</translation>
    </message>
    <message>
        <source>Thê&amp;m ý kiến</source>
        <translation>A&amp;dd comment</translation>
    </message>
    <message>
        <source>&amp;Xóa ý kiến đang chọn</source>
        <translation>R&amp;emove the selected comment</translation>
    </message>
    <message>
        <source>Thư mục &amp;ghi tệp:</source>
        <translation>Output &amp;folder:</translation>
    </message>
    <message>
        <source>&amp;Mật khẩu khóa ký số:</source>
        <translation>&amp;Signing key passphrase:</translation>
    </message>
    <message>
        <source>&amp;Ghi tệp kết quả (.rdrev)</source>
        <translation>&amp;Write the decision (.rdrev)</translation>
    </message>
    <message>
        <source>Đó&amp;ng</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>Chọn…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>(cả dòng)</source>
        <translation>(whole row)</translation>
    </message>
    <message>
        <source>Đang ký và ghi kết quả xem xét…</source>
        <translation>Signing and writing the decision…</translation>
    </message>
    <message>
        <source>Đã ghi kết quả «%1» vào %2. Gửi tệp này cho đơn vị.</source>
        <translation>Decision “%1” written to %2. Send this file to the unit.</translation>
    </message>
    <message>
        <source>Chấp nhận</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>Trả lại để chỉnh sửa</source>
        <translation>Returned for correction</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <source>Thiết lập</source>
        <translation>Setting up</translation>
    </message>
    <message>
        <source>Kho dữ liệu và khóa ký số của đơn vị trên máy này.</source>
        <translation>The store and the unit&apos;s signing key on this computer.</translation>
    </message>
    <message>
        <source>&amp;Thử lại</source>
        <translation>&amp;Retry</translation>
    </message>
    <message>
        <source>Đang thiết lập… (tạo khóa RSA-3072 mất vài giây)</source>
        <translation>Setting up… (making an RSA-3072 key takes a few seconds)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>&amp;Ngôn ngữ giao diện:</source>
        <translation>Interface &amp;language:</translation>
    </message>
    <message>
        <source>Số và ngày luôn viết theo kiểu Việt Nam (1.234,5 và dd/mm/yyyy).</source>
        <translation>Numbers and dates are always written the Vietnamese way (1.234,5 and dd/mm/yyyy).</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Thiết lập reportdesk</source>
        <translation>Set up reportdesk</translation>
    </message>
    <message>
        <source>Đang nhập khóa từ %1…</source>
        <translation>Importing the key from %1…</translation>
    </message>
    <message>
        <source>Đang tạo khóa ký số và kho dữ liệu…</source>
        <translation>Creating the signing key and the store…</translation>
    </message>
    <message>
        <source>Đã thiết lập kho dữ liệu cho %1 (%2) tại %3.</source>
        <translation>Store set up for %1 (%2) at %3.</translation>
    </message>
    <message>
        <source>Dấu vân tay chứng thư của đơn vị (SHA-256):</source>
        <translation>Fingerprint of the unit&apos;s certificate (SHA-256):</translation>
    </message>
    <message>
        <source>Đang ghi chứng thư của Cục ATMT…</source>
        <translation>Saving the certificate of Cục ATMT…</translation>
    </message>
    <message>
        <source>Đã ghi nhận chứng thư của Cục ATMT, dấu vân tay:</source>
        <translation>Certificate of Cục ATMT saved, fingerprint:</translation>
    </message>
    <message>
        <source>Chưa có chứng thư của Cục ATMT: cần thêm trước khi xuất gói.</source>
        <translation>No certificate of Cục ATMT yet: add it before exporting.</translation>
    </message>
    <message>
        <source>Đã dựng dữ liệu thử (DEMO) tại %1.
Ứng dụng sẽ mở kho của %2; tiêu đề cửa sổ ghi rõ [DEMO].</source>
        <translation>Demo data built at %1.
The app opens the store of %2; the title bar says [DEMO].</translation>
    </message>
</context>
<context>
    <name>SignersPage</name>
    <message>
        <source>Chứng thư người ký</source>
        <translation>Signer certificates</translation>
    </message>
    <message>
        <source>Trước khi phê duyệt, gọi điện cho đơn vị và đọc từng nhóm bốn ký tự của dấu vân tay để đối chiếu. Phê duyệt sẽ hợp nhất các gói đang cách ly của chứng thư đó.</source>
        <translation>Before approving, call the unit and read the fingerprint group by group to compare. Approval merges that certificate&apos;s quarantined packages.</translation>
    </message>
    <message>
        <source>Chỉ hiện chứng thư chờ phê duyệt</source>
        <translation>Only certificates waiting for approval</translation>
    </message>
    <message>
        <source>&amp;Phê duyệt…</source>
        <translation>&amp;Approve…</translation>
    </message>
    <message>
        <source>&amp;Thu hồi…</source>
        <translation>&amp;Revoke…</translation>
    </message>
    <message>
        <source>Dấu vân tay: %1</source>
        <translation>Fingerprint: %1</translation>
    </message>
    <message>
        <source>Phê duyệt chứng thư của %1?
Dấu vân tay: %2</source>
        <translation>Approve the certificate of %1?
Fingerprint: %2</translation>
    </message>
    <message>
        <source>Phê duyệt sẽ hợp nhất %1 gói đang cách ly:</source>
        <translation>Approval will merge %1 quarantined packages:</translation>
    </message>
    <message>
        <source>%1, biểu mẫu %2, kỳ %3, lần gửi %4</source>
        <translation>%1, form %2, period %3, revision %4</translation>
    </message>
    <message>
        <source>Chứng thư này không có gói nào đang cách ly.</source>
        <translation>This certificate has no quarantined package.</translation>
    </message>
    <message>
        <source>Phê duyệt chứng thư</source>
        <translation>Approve certificate</translation>
    </message>
    <message>
        <source>Đã phê duyệt chứng thư của %1; hợp nhất %2 gói.</source>
        <translation>Approved the certificate of %1; merged %2 packages.</translation>
    </message>
    <message>
        <source>Thu hồi chứng thư của %1?
Dấu vân tay: %2

Các gói sau này do chứng thư này ký sẽ bị từ chối; %3 gói đã nhận được giữ nguyên và đánh dấu.</source>
        <translation>Revoke the certificate of %1?
Fingerprint: %2

Later packages signed with it will be rejected; the %3 packages already received stay, marked.</translation>
    </message>
    <message>
        <source>Thu hồi chứng thư</source>
        <translation>Revoke certificate</translation>
    </message>
</context>
<context>
    <name>SubmissionPage</name>
    <message>
        <source>Chọn một ô trên bảng tình hình để xem báo cáo.</source>
        <translation>Click a cell of the status board to view the report.</translation>
    </message>
    <message>
        <source>Chỉ hiện phần thay đổi so với lần gửi trước</source>
        <translation>Only what changed since the previous revision</translation>
    </message>
    <message>
        <source>So sánh với lần gửi:</source>
        <translation>Compare with revision:</translation>
    </message>
    <message>
        <source>&amp;Chấp nhận / trả lại để chỉnh sửa…</source>
        <translation>&amp;Accept / return for correction…</translation>
    </message>
    <message>
        <source>Nội dung báo cáo</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>Khác biệt giữa hai lần gửi</source>
        <translation>Differences between two revisions</translation>
    </message>
    <message>
        <source>Đang đọc báo cáo của %1…</source>
        <translation>Reading the report of %1…</translation>
    </message>
    <message>
        <source>%1 — biểu mẫu %2, kỳ %3</source>
        <translation>%1 — form %2, period %3</translation>
    </message>
    <message>
        <source>(không so sánh)</source>
        <translation>(no comparison)</translation>
    </message>
    <message>
        <source>lần %1</source>
        <translation>revision %1</translation>
    </message>
    <message>
        <source>Lần gửi này chưa được hợp nhất (đang cách ly hoặc bị từ chối).</source>
        <translation>This revision has not been merged (quarantined or rejected).</translation>
    </message>
    <message>
        <source>Giải trình của đơn vị về các cảnh báo</source>
        <translation>The unit&apos;s explanations of warnings</translation>
    </message>
    <message>
        <source>Lần gửi trước: %1</source>
        <translation>Previous revision: %1</translation>
    </message>
    <message>
        <source>Giải trình: </source>
        <translation>Explanation: </translation>
    </message>
    <message>
        <source>Không có thay đổi nào so với lần gửi được chọn.</source>
        <translation>Nothing changed compared with the chosen revision.</translation>
    </message>
</context>
<context>
    <name>UnitPage</name>
    <message>
        <source>Chọn đơn vị của bạn</source>
        <translation>Choose your unit</translation>
    </message>
    <message>
        <source>Gõ vài chữ của tên hoặc mã đơn vị; không cần gõ dấu (ví dụ: «dong nai», «habeco»).</source>
        <translation>Type a few letters of the unit&apos;s name or code; tones are not needed (e.g. «dong nai», «habeco»).</translation>
    </message>
    <message>
        <source>&amp;Tìm đơn vị:</source>
        <translation>&amp;Find unit:</translation>
    </message>
    <message>
        <source>tên hoặc mã đơn vị</source>
        <translation>unit name or code</translation>
    </message>
    <message>
        <source>%1 đơn vị</source>
        <translation>%1 unit(s)</translation>
    </message>
</context>
<context>
    <name>UpdateDialog</name>
    <message>
        <source>Phát hành bản cập nhật</source>
        <translation>Publish an update</translation>
    </message>
    <message>
        <source>Bản cập nhật số %1: các phiên bản biểu mẫu mới, thay đổi lịch báo cáo (kỳ đột xuất, hạn gửi) và danh mục đơn vị, ký số của Cục ATMT, mã hóa cho mọi đơn vị có chứng thư đã phê duyệt. Đơn vị chỉ áp dụng bản có số lớn hơn bản đã áp dụng.</source>
        <translation>Update number %1: new form versions, calendar changes (ad hoc periods, deadlines) and unit registry changes, signed by Cục ATMT, encrypted to every unit with an approved certificate. A unit applies only a number higher than the last it applied.</translation>
    </message>
    <message>
        <source>&amp;Biểu mẫu (YAML):</source>
        <translation>&amp;Forms (YAML):</translation>
    </message>
    <message>
        <source>&amp;Lịch báo cáo:</source>
        <translation>&amp;Calendar:</translation>
    </message>
    <message>
        <source>&amp;Danh mục đơn vị:</source>
        <translation>&amp;Unit registry:</translation>
    </message>
    <message>
        <source>Thư mục &amp;ghi tệp:</source>
        <translation>Output &amp;folder:</translation>
    </message>
    <message>
        <source>&amp;Mật khẩu khóa ký số:</source>
        <translation>&amp;Signing key passphrase:</translation>
    </message>
    <message>
        <source>&amp;Thêm…</source>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <source>&amp;Bỏ</source>
        <translation>Re&amp;move</translation>
    </message>
    <message>
        <source>Chọn…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>&amp;Phát hành (.rdupd)</source>
        <translation>&amp;Publish (.rdupd)</translation>
    </message>
    <message>
        <source>Đó&amp;ng</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>Chọn biểu mẫu</source>
        <translation>Choose forms</translation>
    </message>
    <message>
        <source>Đang ký và ghi bản cập nhật…</source>
        <translation>Signing and writing the update…</translation>
    </message>
    <message>
        <source>lịch báo cáo</source>
        <translation>calendar</translation>
    </message>
    <message>
        <source>danh mục đơn vị</source>
        <translation>unit registry</translation>
    </message>
    <message>
        <source>Đã ghi bản cập nhật số %1 (%2) vào %3, cho %4 đơn vị.</source>
        <translation>Update number %1 (%2) written to %3, for %4 units.</translation>
    </message>
</context>
<context>
    <name>board</name>
    <message>
        <source>lần %1</source>
        <translation>rev. %1</translation>
    </message>
</context>
<context>
    <name>consolidation</name>
    <message>
        <source>Đúng hạn</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>Muộn</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>Chưa gửi</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>Chờ xử lý</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>Giữ lại (biểu mẫu mới)</source>
        <translation>Held (new form version)</translation>
    </message>
    <message>
        <source>Cục/Vụ, đơn vị báo chí</source>
        <translation>Departments, press units</translation>
    </message>
    <message>
        <source>Sở Công Thương</source>
        <translation>Provincial departments</translation>
    </message>
    <message>
        <source>Tập đoàn, Tổng công ty</source>
        <translation>Corporations</translation>
    </message>
    <message>
        <source>thời điểm ký sau thời điểm nhận (đồng hồ máy gửi sai?)</source>
        <translation>signed after it was received (sender&apos;s clock wrong?)</translation>
    </message>
    <message>
        <source>chứng thư người ký đã bị thu hồi</source>
        <translation>the signer&apos;s certificate was revoked</translation>
    </message>
    <message>
        <source>biểu mẫu phiên bản mới chưa cài đặt</source>
        <translation>new form version not installed</translation>
    </message>
    <message>
        <source>báo cáo do Cục ATMT tự lập</source>
        <translation>Cục ATMT&apos;s own report</translation>
    </message>
    <message>
        <source>ký trong hạn nhưng Cục nhận được muộn</source>
        <translation>signed on time but received late by the Department</translation>
    </message>
    <message>
        <source>%1 ngày</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <source>Mã</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Hạn: %1</source>
        <translation>Deadline: %1</translation>
    </message>
    <message>
        <source>Ký: %1</source>
        <translation>Signed: %1</translation>
    </message>
    <message>
        <source>Nhận: %1</source>
        <translation>Received: %1</translation>
    </message>
    <message>
        <source>Biểu mẫu</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>Hạn gửi</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Số ngày quá hạn</source>
        <translation>Days overdue</translation>
    </message>
    <message>
        <source>Tệp</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Kỳ</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Lần gửi</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Kết quả</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>chờ phê duyệt</source>
        <translation>waiting for approval</translation>
    </message>
    <message>
        <source>đã phê duyệt</source>
        <translation>approved</translation>
    </message>
    <message>
        <source>đã thu hồi</source>
        <translation>revoked</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Chủ thể</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Dấu vân tay</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <source>Hiệu lực</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>Gói / cách ly</source>
        <translation>Packages / quarantined</translation>
    </message>
    <message>
        <source>Đơn vị này đã có chứng thư được phê duyệt (dấu vân tay %1); chỉ phê duyệt thêm khi đơn vị xác nhận đã đổi khóa.</source>
        <translation>This unit already has an approved certificate (fingerprint %1); approve another only when the unit confirms it changed its key.</translation>
    </message>
    <message>
        <source>đang dùng</source>
        <translation>current</translation>
    </message>
    <message>
        <source>đã được thay thế</source>
        <translation>superseded</translation>
    </message>
    <message>
        <source>bản cũ</source>
        <translation>stale</translation>
    </message>
    <message>
        <source>cách ly</source>
        <translation>quarantined</translation>
    </message>
    <message>
        <source>giữ lại</source>
        <translation>held</translation>
    </message>
    <message>
        <source>từ chối</source>
        <translation>rejected</translation>
    </message>
    <message>
        <source>sửa</source>
        <translation>changed</translation>
    </message>
    <message>
        <source>thêm dòng</source>
        <translation>row added</translation>
    </message>
    <message>
        <source>bỏ dòng</source>
        <translation>row removed</translation>
    </message>
    <message>
        <source>sửa dòng</source>
        <translation>row changed</translation>
    </message>
    <message>
        <source>(ước tính)</source>
        <translation>(estimate)</translation>
    </message>
    <message>
        <source>Có</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Không</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Số %1</source>
        <translation>No. %1</translation>
    </message>
    <message>
        <source>ngày %1</source>
        <translation>of %1</translation>
    </message>
    <message>
        <source>Ký lúc</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>Nhận lúc</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Tổng cộng</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Mục</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Thay đổi</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Dòng (khóa)</source>
        <translation>Row (key)</translation>
    </message>
    <message>
        <source>Cột</source>
        <translation>Columns</translation>
    </message>
    <message>
        <source>Trước</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>Sau</source>
        <translation>After</translation>
    </message>
</context>
<context>
    <name>operations</name>
    <message>
        <source>Đang thực hiện</source>
        <translation>Working</translation>
    </message>
    <message>
        <source>&amp;Hủy</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>Đã xảy ra lỗi không mong muốn; chi tiết đã được ghi vào nhật ký (thư mục logs).</source>
        <translation>An unexpected error occurred; the details are in the log (logs folder).</translation>
    </message>
    <message>
        <source>Không thực hiện được</source>
        <translation>Could not be done</translation>
    </message>
</context>
<context>
    <name>wayback</name>
    <message>
        <source>Chọn…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Chọn thư mục</source>
        <translation>Choose a folder</translation>
    </message>
</context>
</TS>
