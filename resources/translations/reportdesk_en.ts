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
    <name>PlaceholderEditor</name>
    <message>
        <source>Báo cáo số %1 đã lưu. Trình nhập liệu chưa có trong bản này; hãy điền từ tệp Excel.</source>
        <translation>Report no. %1 is saved. The editor is not in this build; fill it from an Excel file.</translation>
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
</TS>
