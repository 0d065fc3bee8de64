"""The words of the web page, in Vietnamese and English (`audit serve --lang`)."""

from __future__ import annotations

from typing import Any

TEXTS: dict[str, dict[str, Any]] = {
    "vi": {
        "app": "Kiểm tra báo cáo thi đua, khen thưởng",
        "drop": "Kéo thả vào đây các tệp báo cáo (.docx, .txt, .md, .json), cả thư mục, hoặc tệp .zip",
        "choose_files": "Chọn tệp", "choose_folder": "Chọn thư mục", "submit": "Kiểm tra",
        "limits": "Tối đa {file} MB mỗi tệp, {files} tệp mỗi lần. Tệp chỉ được lưu tạm trên máy này, "
                  "không gửi đi đâu, và bị xóa khi dừng công cụ.",
        "working": "Đang kiểm tra…", "history": "Các lần kiểm tra trong phiên này", "time": "Thời gian",
        "files": "Số tệp", "failed": "Không đạt", "open": "Xem",
        "file": "Tệp", "unit": "Đơn vị", "period": "Kỳ báo cáo", "verdict": "Kết luận",
        "sev": {"error": "Lỗi", "warning": "Cảnh báo", "info": "Thông tin"},
        "downloads": "Tải về", "dl_html": "Báo cáo HTML (in được)", "dl_xlsx": "Bảng tổng hợp Excel",
        "dl_sarif": "SARIF", "skipped": "Các tệp bỏ qua", "reason": "Lý do",
        "batch": "Kết quả kiểm tra", "back": "← Tải lên tệp khác", "back_batch": "← Danh sách tệp",
        "document": "Văn bản báo cáo", "findings": "Phát hiện", "filter": "Lọc", "all_rules": "Mọi quy tắc",
        "rule": "Quy tắc", "shown": "Đang hiện {shown}/{total} phát hiện.", "none": "Không có phát hiện nào.",
        "no_document": "Không có văn bản để hiển thị (tệp không đọc được).",
        "json_note": "Tệp JSON không kèm văn bản gốc: hiện các dòng của tệp có phát hiện.",
        "bad_host": "Yêu cầu bị từ chối: địa chỉ (Host) không phải của công cụ này.\n"
                    "Request refused: the Host is not this tool's.",
        "bad_origin": "Yêu cầu bị từ chối: chỉ trang của công cụ này được gửi tệp lên.\n"
                      "Request refused: only this tool's own pages may send files.",
        "error": "Không thực hiện được", "not_placed": "không gắn với vị trí trong văn bản",
    },
    "en": {
        "app": "Audit of reports on thi đua, khen thưởng",
        "drop": "Drop report files here (.docx, .txt, .md, .json), whole folders, or a .zip",
        "choose_files": "Choose files", "choose_folder": "Choose a folder", "submit": "Audit",
        "limits": "At most {file} MB per file, {files} files at a time. Files are only kept on this machine "
                  "for the session, sent nowhere, and deleted when the tool stops.",
        "working": "Auditing…", "history": "Audits in this session", "time": "Time", "files": "Files",
        "failed": "Failed", "open": "Open",
        "file": "File", "unit": "Unit", "period": "Period", "verdict": "Verdict",
        "sev": {"error": "Errors", "warning": "Warnings", "info": "Infos"},
        "downloads": "Download", "dl_html": "HTML report (printable)", "dl_xlsx": "Excel summary",
        "dl_sarif": "SARIF", "skipped": "Skipped files", "reason": "Reason",
        "batch": "Audit results", "back": "← Upload other files", "back_batch": "← All files",
        "document": "The report as written", "findings": "Findings", "filter": "Filter", "all_rules": "All rules",
        "rule": "Rule", "shown": "Showing {shown} of {total} findings.", "none": "No findings.",
        "no_document": "No text to show (the file could not be read).",
        "json_note": "A JSON file without its original text: the lines of the file with findings are shown.",
        "bad_host": "Request refused: the Host is not this tool's.\n"
                    "Yêu cầu bị từ chối: địa chỉ (Host) không phải của công cụ này.",
        "bad_origin": "Request refused: only this tool's own pages may send files.\n"
                      "Yêu cầu bị từ chối: chỉ trang của công cụ này được gửi tệp lên.",
        "error": "Could not do that", "not_placed": "not tied to a place in the text",
    },
}
