<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AccountTab</name>
    <message>
        <location filename="../../ui/settings/account.py" line="+27" />
        <source>Signed in as {name} ({user}), roles: {roles}</source>
        <translation>当前用户：{name}（{user}），角色：{roles}</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Current password:</source>
        <translation>原密码：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Repeat new password:</source>
        <translation>重复新密码：</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Repeat new password: it differs from the new password.</source>
        <translation>重复新密码：与新密码不一致。</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Changing the password…</source>
        <translation>正在修改密码……</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Your password was changed.</source>
        <translation>密码已修改。</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../../ui/settings/users.py" line="+121" />
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <location line="+8" />
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Display name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Roles:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Initial password:</source>
        <translation>初始密码：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Repeat password:</source>
        <translation>重复密码：</translation>
    </message>
    <message>
        <location line="+4" />
        <source>User name: please enter one.</source>
        <translation>用户名：不能为空。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Roles: choose at least one.</source>
        <translation>角色：请至少选择一个。</translation>
    </message>
</context>
<context>
    <name>CaseChanges</name>
    <message>
        <location filename="../../ui/cases/case_changes.py" line="+37" />
        <source>overseas</source>
        <translation>涉外</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Services asked for:</source>
        <translation>申请服务：</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Summary:</source>
        <translation>案情摘要：</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Edit registration…</source>
        <translation>修改登记信息…</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Reassign…</source>
        <translation>更换承办人…</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Only a supervisor can reassign a case.</source>
        <translation>只有负责人可以更换承办人。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Referral result…</source>
        <translation>移交结果…</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Mediation result…</source>
        <translation>调解结果…</translation>
    </message>
    <message>
        <location line="+34" />
        <source>Edit registration</source>
        <translation>修改登记信息</translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message>
        <location filename="../../ui/cases/list_model.py" line="+32" />
        <source>Case no.</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Registered</source>
        <translation>登记</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Opposing party</source>
        <translation>被申请人</translation>
    </message>
    <message>
        <location line="+1" />
        <source>IP type</source>
        <translation>知识产权类型</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Assignee</source>
        <translation>承办人</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location line="+132" />
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
</context>
<context>
    <name>CaseListPage</name>
    <message>
        <location filename="../../ui/cases/list_page.py" line="+40" />
        <source>Case no., party, pinyin, ID, right number, summary</source>
        <translation>案件编号、当事人（可用拼音）、证件号码、权利号、案情</translation>
    </message>
    <message>
        <location line="+2" />
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+4" />
        <source>All IP types</source>
        <translation>全部知识产权类型</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Overdue only</source>
        <translation>只看逾期</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Mine</source>
        <translation>我的案件</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Register…</source>
        <translation>登记…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Parties…</source>
        <translation>当事人…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Find a party by name, pinyin or ID number (Ctrl+Shift+P)</source>
        <translation>按名称、拼音或证件号码查找当事人（Ctrl+Shift+P）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+106" />
        <source>Export cases</source>
        <translation>导出案件</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Exporting cases…</source>
        <translation>正在导出案件…</translation>
    </message>
    <message numerus="yes">
        <location line="+5" />
        <source>Exported %n case(s).</source>
        <translation>
            <numerusform>已导出 %n 件案件。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5" />
        <source>Export</source>
        <translation>导出</translation>
    </message>
</context>
<context>
    <name>CasePartiesBox</name>
    <message>
        <location filename="../../ui/parties/case_parties.py" line="+72" />
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Opposing party</source>
        <translation>对方当事人</translation>
    </message>
    <message>
        <location line="+1" />
        <source>ID</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <location filename="../../ui/cases/case_view.py" line="+60" />
        <location line="+144" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="-144" />
        <source>By</source>
        <translation>记录人</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Step</source>
        <translation>办理事项</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Timeline</source>
        <translation>办理流程</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Change history</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+77" />
        <source>Acceptance notice</source>
        <translation>受理通知书</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Refusal notice</source>
        <translation>不予受理通知书</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Supplement notice</source>
        <translation>补正通知书</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Ask to supplement</source>
        <translation>要求补正</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Supplement received</source>
        <translation>收到补正材料</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Treat as withdrawn</source>
        <translation>视为撤回</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Accept</source>
        <translation>受理</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Refuse</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Log entry</source>
        <translation>办理记录</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Refer</source>
        <translation>移交</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Mediation</source>
        <translation>调解</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Close</source>
        <translation>办结</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Follow-up visit</source>
        <translation>回访</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Materials to supplement</source>
        <translation>需补正的材料</translation>
    </message>
    <message>
        <location line="+2" />
        <location line="+4" />
        <location line="+7" />
        <location line="+9" />
        <location line="+4" />
        <source>Note</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="-84" />
        <location line="+64" />
        <source>Assignee</source>
        <translation>承办人</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Entry</source>
        <translation>记录内容</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Referred to</source>
        <translation>移交去向</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Institution</source>
        <translation>接收单位</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Started on</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Judicial confirmation</source>
        <translation>司法确认</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Mediator</source>
        <translation>调解员</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Satisfaction (label or 0–100)</source>
        <translation>满意度（等级或0–100分）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Method</source>
        <translation>回访方式</translation>
    </message>
    <message>
        <location line="+53" />
        <source>Save notice</source>
        <translation>保存通知书</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Notice</source>
        <translation>通知书</translation>
    </message>
</context>
<context>
    <name>CentreSettingsTab</name>
    <message>
        <location filename="../../ui/settings/centre.py" line="+35" />
        <source>These settings apply to the whole centre.</source>
        <translation>以下设置适用于整个中心。</translation>
    </message>
    <message>
        <location line="+1" />
        <source>These settings apply to the whole centre; only an administrator can change them.</source>
        <translation>以下设置适用于整个中心，只有系统管理员可以修改。</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <location line="+28" />
        <source>Default: {value}</source>
        <translation>默认值：{value}</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Nothing was changed.</source>
        <translation>没有修改任何设置。</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Saving the settings…</source>
        <translation>正在保存设置……</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The settings were saved.</source>
        <translation>设置已保存。</translation>
    </message>
</context>
<context>
    <name>ClaimEditor</name>
    <message>
        <location filename="../../ui/opinions/sections.py" line="+143" />
        <source>The claim as granted</source>
        <translation>授权公告的权利要求原文</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Claim number:</source>
        <translation>权利要求序号：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Claim text:</source>
        <translation>权利要求内容：</translation>
    </message>
</context>
<context>
    <name>ComplaintDecisionDialog</name>
    <message>
        <location filename="../../ui/fairs/complaint_decision.py" line="+69" />
        <source>Complaint {number}</source>
        <translation>展会投诉 {number}</translation>
    </message>
    <message>
        <location line="+18" />
        <source>&amp;Quick opinion…</source>
        <translation>现场参考意见(&amp;Q)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Draft and print an on-site reference opinion for this complaint</source>
        <translation>为该投诉起草并打印现场参考意见（未经审核）</translation>
    </message>
    <message>
        <location line="+22" />
        <source>Materials (exhibition measures, Art. 8)</source>
        <translation>投诉材料（《展会知识产权保护办法》第八条）</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Decision</source>
        <translation>受理决定</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Reason (required to refuse; for a supplement request, optional)</source>
        <translation>理由（不予受理时必填；要求补充材料时可不填）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Accept</source>
        <translation>受理(&amp;A)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Not acc&amp;ept</source>
        <translation>不予受理(&amp;E)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Ask to &amp;supplement</source>
        <translation>要求补充材料(&amp;S)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Hand-over and outcome</source>
        <translation>移交与处理结果</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Record &amp;notified</source>
        <translation>记录通知时间(&amp;N)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Record ans&amp;wer</source>
        <translation>记录答辩时间(&amp;W)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Record o&amp;utcome</source>
        <translation>记录处理结果(&amp;U)</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Respondent notified at:</source>
        <translation>通知被投诉人：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Answer received at:</source>
        <translation>收到答辩：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Outcome:</source>
        <translation>处理结果：</translation>
    </message>
    <message>
        <location line="+5" />
        <source>handled at</source>
        <translation>处理时间</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Complainant {complainant} · respondent {respondent} (booth {booth}) · {right}</source>
        <translation>投诉人 {complainant} · 被投诉人 {respondent}（展位 {booth}）· {right}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Received {received} · time limit {due}</source>
        <translation>收到投诉 {received} · 处理时限 {due}</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Status: {state}</source>
        <translation>状态：{state}</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Missing: {items}</source>
        <translation>缺少：{items}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>All required materials present.</source>
        <translation>所需材料齐全。</translation>
    </message>
    <message>
        <location line="+8" />
        <source>recorded</source>
        <translation>已记录</translation>
    </message>
    <message>
        <location line="+0" />
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <location line="+6" />
        <source>24-hour clock: {clock}</source>
        <translation>24小时时限：{clock}</translation>
    </message>
    <message>
        <location line="+24" />
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>ComplaintDialog</name>
    <message>
        <location filename="../../ui/fairs/fair_page.py" line="+407" />
        <source>Take a complaint</source>
        <translation>登记投诉</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Complainant:</source>
        <translation>投诉人：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Agent (if any):</source>
        <translation>代理人（如有）：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Respondent:</source>
        <translation>被投诉人：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Booth:</source>
        <translation>展位：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>IP kind:</source>
        <translation>知识产权类型：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Right number:</source>
        <translation>权利号：</translation>
    </message>
</context>
<context>
    <name>ConflictView</name>
    <message>
        <location filename="../../ui/sync/sync_page.py" line="+40" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Centre value</source>
        <translation>中心的值</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Laptop value</source>
        <translation>笔记本的值</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Laptop</source>
        <translation>笔记本</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Received</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Keep centre value</source>
        <translation>保留中心的值</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Take laptop value</source>
        <translation>采用笔记本的值</translation>
    </message>
    <message>
        <location line="+27" />
        <source>{n} conflicts wait for a decision.</source>
        <translation>有 {n} 个冲突等待处理。</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No conflicts wait.</source>
        <translation>没有等待处理的冲突。</translation>
    </message>
</context>
<context>
    <name>ConsultationQuickEntry</name>
    <message>
        <location filename="../../ui/consultations/quick_entry.py" line="+94" />
        <source>Consultation quick entry</source>
        <translation>咨询快速登记</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Ctrl+N new · Ctrl+S save · Ctrl+I insert suggestion · Ctrl+Shift+C turn into a case</source>
        <translation>Ctrl+N 新建 · Ctrl+S 保存 · Ctrl+I 插入建议答复 · Ctrl+Shift+C 转为案件</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Name of the person or company (may stay empty)</source>
        <translation>个人或单位名称（可不填）</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Mobile or landline with area code</source>
        <translation>手机号或带区号的固定电话</translation>
    </message>
    <message>
        <location line="+2" />
        <source>(not stated)</source>
        <translation>（未注明）</translation>
    </message>
    <message>
        <location line="+3" />
        <source>What the caller asks; matching answers appear on the right</source>
        <translation>来电人咨询的问题；右侧会显示知识库中的相近答复</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The guidance given</source>
        <translation>给出的答复和指导</translation>
    </message>
    <message>
        <location line="+2" />
        <location line="+150" />
        <source>taken when saved</source>
        <translation>保存时自动记录</translation>
    </message>
    <message>
        <location line="-146" />
        <source>Time started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+53" />
        <source>Channel</source>
        <translation>咨询渠道</translation>
    </message>
    <message>
        <location line="-52" />
        <location line="+52" />
        <source>Asker</source>
        <translation>咨询人</translation>
    </message>
    <message>
        <location line="-51" />
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+50" />
        <source>Topic</source>
        <translation>咨询主题</translation>
    </message>
    <message>
        <location line="-49" />
        <source>IP kind</source>
        <translation>知识产权类型</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+48" />
        <source>Question</source>
        <translation>咨询问题</translation>
    </message>
    <message>
        <location line="-47" />
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Handled by</source>
        <translation>接待人</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Time ended</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+45" />
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location line="-43" />
        <source>New (Ctrl+N)</source>
        <translation>新建 (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Turn into a case (Ctrl+Shift+C)</source>
        <translation>转为案件 (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Add to knowledge base</source>
        <translation>加入知识库</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Insert into answer (Ctrl+I)</source>
        <translation>插入答复 (Ctrl+I)</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Knowledge base suggestions</source>
        <translation>知识库建议</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Recent consultations</source>
        <translation>最近的咨询</translation>
    </message>
    <message>
        <location line="+65" />
        <source>New consultation</source>
        <translation>新建咨询</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The consultation on screen is not saved. Discard it?</source>
        <translation>当前咨询尚未保存，确定放弃吗？</translation>
    </message>
    <message>
        <location line="+60" />
        <source>Saved at {time}.</source>
        <translation>已于 {time} 保存。</translation>
    </message>
    <message>
        <location line="+41" />
        <source>{conflicts} Register the case anyway?</source>
        <translation>{conflicts}仍要登记该案件吗？</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Turn into a case</source>
        <translation>转为案件</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Case {number} registered; acceptance decision due {due}.</source>
        <translation>已登记案件 {number}，受理决定期限为 {due}。</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Added to the knowledge base as a draft; a supervisor approves it.</source>
        <translation>已作为草稿加入知识库，待负责人审核。</translation>
    </message>
</context>
<context>
    <name>CopyrightSection</name>
    <message>
        <location filename="../../ui/opinions/sections.py" line="+138" />
        <source>Work:</source>
        <translation>作品：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Access:</source>
        <translation>接触：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Access note:</source>
        <translation>接触说明：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Substantial similarity:</source>
        <translation>实质性相似：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Similarity note:</source>
        <translation>相似性说明：</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Further comparison points (optional):</source>
        <translation>其他比对要点（可选）：</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message>
        <location filename="../../ui/labels.py" line="+24" />
        <source>Cases</source>
        <translation>援助案件</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Case history entries</source>
        <translation>案件流程记录</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Referrals</source>
        <translation>移交</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Mediations</source>
        <translation>调解</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Follow-up visits</source>
        <translation>回访</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Consultations</source>
        <translation>咨询</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Opinions</source>
        <translation>侵权判定意见</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Opinion comparison rows</source>
        <translation>意见比对行</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Trade fairs</source>
        <translation>展会</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Exhibitors</source>
        <translation>参展商</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Fair complaints</source>
        <translation>展会投诉</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Calendar days</source>
        <translation>日历天数</translation>
    </message>
    <message>
        <location line="-20" />
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location line="-1" />
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+2" />
        <source>IP rights</source>
        <translation>知识产权</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Experts</source>
        <translation>专家</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Institutions</source>
        <translation>合作单位</translation>
    </message>
    <message>
        <location line="-2" />
        <source>Knowledge items</source>
        <translation>知识库条目</translation>
    </message>
    <message>
        <location line="-10" />
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <location line="-1" />
        <source>Centres</source>
        <translation>中心</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Patrol notes</source>
        <translation>巡查记录</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Stored files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Audit events</source>
        <translation>审计事件</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../ui/crash.py" line="+68" />
        <source>The program ran into an unexpected error; the last action may not have been completed.
The log has been saved to {path}.</source>
        <translation>程序遇到意外错误，刚才的操作可能没有完成。
日志已保存到 {path}。</translation>
    </message>
    <message>
        <location line="+58" />
        <location filename="../../ui/main.py" line="+102" />
        <source>IPAid Desk</source>
        <translation>IPAid Desk 知识产权维权援助工作台</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="+45" />
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Signed in</source>
        <translation>当前登录</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Schema revision:</source>
        <translation>数据库结构版本：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Centre:</source>
        <translation>援助中心：</translation>
    </message>
    <message>
        <location line="+2" />
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>{name} ({username})</source>
        <translation>{name}（{username}）</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Roles:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Records</source>
        <translation>记录数量</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+30" />
        <source>Counting records…</source>
        <translation>正在统计记录数量…</translation>
    </message>
    <message>
        <location line="+14" />
        <source>The database holds no records yet.</source>
        <translation>数据库中还没有记录。</translation>
    </message>
    <message>
        <location line="+12" />
        <source>{name}:</source>
        <translation>{name}：</translation>
    </message>
    <message>
        <location line="+26" />
        <source>The record counts could not be read: {error}</source>
        <translation>无法读取记录数量：{error}</translation>
    </message>
</context>
<context>
    <name>DashboardWidget</name>
    <message>
        <location filename="../../ui/cases/dashboard.py" line="+32" />
        <source>My cases</source>
        <translation>我的案件</translation>
    </message>
    <message>
        <location line="+57" />
        <source>The case figures could not be loaded.</source>
        <translation>无法读取案件数字。</translation>
    </message>
</context>
<context>
    <name>DesignSection</name>
    <message>
        <location filename="../../ui/opinions/sections.py" line="-55" />
        <source>Product category:</source>
        <translation>产品类别：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Category note:</source>
        <translation>产品类别说明：</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Overall visual effect:</source>
        <translation>整体视觉效果：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Overall effect note:</source>
        <translation>整体视觉效果说明：</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Design features (as seen by an ordinary consumer):</source>
        <translation>设计特征（以一般消费者的知识水平和认知能力判断）：</translation>
    </message>
</context>
<context>
    <name>DiffDialog</name>
    <message>
        <location filename="../../ui/opinions/diff.py" line="+24" />
        <source>Changes from version {old} to version {new}</source>
        <translation>第{old}版至第{new}版的变化</translation>
    </message>
    <message>
        <location line="+4" />
        <source>What</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <location line="+0" />
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Comparison rows</source>
        <translation>比对行</translation>
    </message>
    <message>
        <location line="+9" />
        <source>No differences.</source>
        <translation>两版没有差别。</translation>
    </message>
    <message>
        <location line="+1" />
        <source>{fields} field(s) and {rows} comparison row(s) changed.</source>
        <translation>有{fields}个字段、{rows}个比对行发生变化。</translation>
    </message>
</context>
<context>
    <name>EditRegistrationDialog</name>
    <message>
        <location filename="../../ui/cases/edit_dialog.py" line="+28" />
        <source>Edit registration – {case_no}</source>
        <translation>修改登记信息 – {case_no}</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The registration date cannot be changed.</source>
        <translation>登记日期不能修改（案件编号和各项期限均由此起算）。</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Masked numbers (with *) are kept as stored unless you replace them.</source>
        <translation>带“*”的遮蔽号码不改动时，保留原登记的号码。</translation>
    </message>
    <message numerus="yes">
        <location line="+27" />
        <source>This case names %n more right(s); they are kept.</source>
        <translation>
            <numerusform>本案另有%n项知识产权，保存时保留不变。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12" />
        <location line="+12" />
        <source>Attached:</source>
        <translation>已有附件：</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Save anyway?</source>
        <translation>仍然保存吗？</translation>
    </message>
</context>
<context>
    <name>ExpertsInstitutionsPage</name>
    <message>
        <location filename="../../ui/experts/page.py" line="+35" />
        <source>Exported {n} rows (phones masked).</source>
        <translation>已导出 {n} 条（电话已遮盖）。</translation>
    </message>
    <message>
        <location line="+292" />
        <source>Experts &amp; institutions</source>
        <translation>专家与合作单位</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Experts</source>
        <translation>专家库</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cooperating units</source>
        <translation>合作单位库</translation>
    </message>
</context>
<context>
    <name>ExpertsTab</name>
    <message>
        <location line="-261" />
        <source>Search name, organisation or field (pinyin works)</source>
        <translation>搜索姓名、单位或领域（支持拼音）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <location line="+4" />
        <location line="+20" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="-20" />
        <location line="+21" />
        <source>Title</source>
        <translation>职称</translation>
    </message>
    <message>
        <location line="-21" />
        <location line="+22" />
        <source>Organisation</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <location line="-22" />
        <location line="+20" />
        <source>IPC fields</source>
        <translation>IPC 分类号</translation>
    </message>
    <message>
        <location line="-19" />
        <location line="+20" />
        <source>Keywords</source>
        <translation>专业领域关键词</translation>
    </message>
    <message>
        <location line="-20" />
        <location line="+21" />
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location line="-21" />
        <source>Active</source>
        <translation>在库</translation>
    </message>
    <message>
        <location line="+10" />
        <source>In the pool</source>
        <translation>在库</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Party the expert must not work for</source>
        <translation>需回避的当事人</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Add conflict</source>
        <translation>添加回避</translation>
    </message>
    <message>
        <location line="+5" />
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Conflicts</source>
        <translation>回避当事人</translation>
    </message>
    <message>
        <location line="+6" />
        <source>New conflict</source>
        <translation>新增回避</translation>
    </message>
    <message>
        <location line="+1" />
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+3" />
        <source>IPC symbol or words, e.g. H04W</source>
        <translation>IPC 分类号或关键词，如 H04W</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Case number (optional)</source>
        <translation>案件编号（可不填）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Find experts</source>
        <translation>查找专家</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Find experts for a case</source>
        <translation>为案件查找专家</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Field</source>
        <translation>技术领域</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Available</source>
        <translation>可选专家</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Excluded (conflict)</source>
        <translation>需回避</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Export experts</source>
        <translation>导出专家库</translation>
    </message>
    <message>
        <location line="+12" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0" />
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+55" />
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location line="+17" />
        <source>{name}: conflict with {party}</source>
        <translation>{name}：与 {party} 有利害关系</translation>
    </message>
    <message>
        <location line="+2" />
        <source>{n} experts found, {m} excluded.</source>
        <translation>找到 {n} 位专家，{m} 位需回避。</translation>
    </message>
</context>
<context>
    <name>FairDialog</name>
    <message>
        <location filename="../../ui/fairs/fair_form.py" line="+44" />
        <source>New fair</source>
        <translation>新建展会</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Edit fair</source>
        <translation>编辑展会</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Letters or digits, used in complaint numbers (e.g. CJ)</source>
        <translation>字母或数字，用于投诉编号（如 CJ）</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Hall and room of the complaint office</source>
        <translation>投诉机构所在展馆和房间</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Fair name:</source>
        <translation>展会名称：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Short code:</source>
        <translation>展会简称：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Venue:</source>
        <translation>举办地点：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Starts on:</source>
        <translation>开始日期：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Ends on:</source>
        <translation>结束日期：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Organiser:</source>
        <translation>主办方：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Complaint office:</source>
        <translation>投诉机构地点：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>On-site staff:</source>
        <translation>驻场人员：</translation>
    </message>
</context>
<context>
    <name>FairPage</name>
    <message>
        <location filename="../../ui/fairs/fair_page.py" line="-374" />
        <source>Trade fairs</source>
        <translation>展会服务</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Fair:</source>
        <translation>展会：</translation>
    </message>
    <message>
        <location line="+2" />
        <source>New fair…</source>
        <translation>新建展会…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Edit fair…</source>
        <translation>编辑展会…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Exhibitors</source>
        <translation>参展商</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Patrol notes</source>
        <translation>巡查记录</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Consultations</source>
        <translation>咨询</translation>
    </message>
    <message>
        <location line="+27" />
        <source>Booth, name or pinyin initials</source>
        <translation>展位号、名称或拼音首字母</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Import exhibitor list…</source>
        <translation>导入参展商名单…</translation>
    </message>
    <message>
        <location line="+5" />
        <location line="+25" />
        <source>Hall</source>
        <translation>展馆</translation>
    </message>
    <message>
        <location line="-25" />
        <location line="+13" />
        <location line="+12" />
        <source>Booth</source>
        <translation>展位</translation>
    </message>
    <message>
        <location line="-25" />
        <source>Exhibitor</source>
        <translation>参展商</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Products</source>
        <translation>展品</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Take a complaint…</source>
        <translation>登记投诉…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Decide / follow up… (Enter)</source>
        <translation>受理与处理…（回车）</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Number</source>
        <translation>投诉编号</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Respondent</source>
        <translation>被投诉人</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0" />
        <source>24-hour clock</source>
        <translation>24小时时限</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Checks</source>
        <translation>提示</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0" />
        <source>By</source>
        <translation>记录人</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Note</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+9" />
        <source>What was seen on the patrol (exhibits, booths, talks with exhibitors)</source>
        <translation>巡查所见（展品、展位、与参展商的沟通）</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Add note (Ctrl+Enter)</source>
        <translation>添加记录（Ctrl+Enter）</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Time:</source>
        <translation>时间：</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Hall:</source>
        <translation>展馆：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Booth:</source>
        <translation>展位：</translation>
    </message>
    <message>
        <location line="+43" />
        <source>No fair yet.</source>
        <translation>还没有展会。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>{venue} · organiser {organiser} · complaint office {office} · staff {staff}</source>
        <translation>{venue} · 主办方 {organiser} · 投诉机构 {office} · 驻场人员 {staff}</translation>
    </message>
    <message>
        <location line="+178" />
        <source>Note recorded at {time}.</source>
        <translation>巡查记录已保存（{time}）。</translation>
    </message>
    <message>
        <location line="-145" />
        <source>Repeat respondent</source>
        <translation>重复被投诉</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Possible conflict</source>
        <translation>可能存在利益冲突</translation>
    </message>
    <message>
        <location line="+33" />
        <location line="+18" />
        <source>Exhibitor list</source>
        <translation>参展商名单</translation>
    </message>
    <message>
        <location line="-17" />
        <source>Excel or CSV (*.xlsx *.csv)</source>
        <translation>Excel 或 CSV 文件 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Added {added}, updated {updated}, rejected {rejected}.</source>
        <translation>新增 {added}，更新 {updated}，拒绝 {rejected}。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Row {row}: {reason}</source>
        <translation>第 {row} 行：{reason}</translation>
    </message>
</context>
<context>
    <name>FairsPage</name>
    <message>
        <location filename="../../ui/pages/fairs.py" line="+18" />
        <source>Fair</source>
        <translation>展会</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Kits and bundles</source>
        <translation>离线包与回传</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/login.py" line="+98" />
        <source>Set up IPAid Desk</source>
        <translation>初始设置</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This database has no users yet. Enter the name of your centre and create the first administrator account.</source>
        <translation>该数据库还没有任何用户。请填写援助中心名称，并创建第一个系统管理员账号。</translation>
    </message>
    <message>
        <location line="+8" />
        <source>used in case numbers, may be empty</source>
        <translation>用于案件编号，可以为空</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Centre name:</source>
        <translation>中心名称：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Short name:</source>
        <translation>中心简称：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Administrator user name:</source>
        <translation>管理员用户名：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Display name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Password again:</source>
        <translation>确认密码：</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The centre name must not be empty.</source>
        <translation>中心名称不能为空。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The user name must not be empty.</source>
        <translation>用户名不能为空。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The display name must not be empty.</source>
        <translation>姓名不能为空。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The password must be at least {n} characters long.</source>
        <translation>密码至少需要 {n} 个字符。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The two passwords do not match.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Creating the administrator…</source>
        <translation>正在创建管理员账号…</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../../ui/history/history_view.py" line="+36" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+0" />
        <source>What</source>
        <translation>操作/字段</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Before</source>
        <translation>原值</translation>
    </message>
    <message>
        <location line="+0" />
        <source>After</source>
        <translation>新值</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Loading history…</source>
        <translation>正在读取历史记录…</translation>
    </message>
    <message numerus="yes">
        <location line="+14" />
        <source>%n change(s)</source>
        <translation>
            <numerusform>共 %n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12" />
        <source>The history could not be loaded because of an unexpected error.</source>
        <translation>历史记录因意外错误未能读取。</translation>
    </message>
</context>
<context>
    <name>HolidaysTab</name>
    <message>
        <location filename="../../ui/settings/holidays.py" line="+30" />
        <source>Official holidays up to {last} come from chinesecalendar. For a later year, enter its holidays and make-up working days here once the State Council publishes them; until then due dates count Monday to Friday.</source>
        <translation>{last} 年及以前的法定节假日由 chinesecalendar 提供。以后年份的放假和调休安排，请在国务院公布后在此录入；录入之前，期限按周一至周五计算。</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Holiday</source>
        <translation>放假</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Make-up working day</source>
        <translation>调休上班</translation>
    </message>
    <message>
        <location line="+2" />
        <source>e.g. 元旦</source>
        <translation>例如：元旦</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Add day</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Remove selected day</source>
        <translation>删除所选日期</translation>
    </message>
    <message>
        <location line="+34" />
        <location line="+10" />
        <source>Recomputing due dates…</source>
        <translation>正在重新计算期限…</translation>
    </message>
    <message>
        <location line="-5" />
        <source>Select a day in the list first.</source>
        <translation>请先在列表中选择一个日期。</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Saved; the due dates of {n} open cases were recomputed.</source>
        <translation>已保存；{n} 件在办案件的期限已重新计算。</translation>
    </message>
</context>
<context>
    <name>InstitutionsTab</name>
    <message>
        <location filename="../../ui/experts/page.py" line="+14" />
        <source>Search by name (pinyin and initials work)</source>
        <translation>按名称搜索（支持拼音和首字母）</translation>
    </message>
    <message>
        <location line="+2" />
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <location line="+5" />
        <location line="+12" />
        <source>Kind</source>
        <translation>单位类型</translation>
    </message>
    <message>
        <location line="-12" />
        <location line="+12" />
        <source>Name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <location line="-12" />
        <location line="+13" />
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="-13" />
        <location line="+13" />
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location line="-12" />
        <location line="+13" />
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+2" />
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Export cooperating units</source>
        <translation>导出合作单位库</translation>
    </message>
    <message>
        <location line="+40" />
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>InterfaceTab</name>
    <message>
        <location filename="../../ui/settings/interface.py" line="+25" />
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location line="+9" />
        <source>The new language takes effect when IPAid Desk is started again.</source>
        <translation>新的界面语言将在重新启动 IPAid Desk 后生效。</translation>
    </message>
</context>
<context>
    <name>KnowledgeBasePage</name>
    <message>
        <location filename="../../ui/knowledge/page.py" line="+45" />
        <source>Search questions and answers</source>
        <translation>搜索问题和答复</translation>
    </message>
    <message>
        <location line="+2" />
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+7" />
        <location line="+14" />
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="-14" />
        <location line="+18" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-18" />
        <location line="+17" />
        <source>IP kind</source>
        <translation>知识产权类型</translation>
    </message>
    <message>
        <location line="-17" />
        <location line="+16" />
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="-9" />
        <source>Separate tags with commas</source>
        <translation>多个标签用逗号分隔</translation>
    </message>
    <message>
        <location line="+2" />
        <source>(not stated)</source>
        <translation>（未注明）</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <location line="+5" />
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Approve</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Retire</source>
        <translation>停用</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <location line="+63" />
        <source>Only a supervisor can approve items</source>
        <translation>只有负责人可以审核知识库条目</translation>
    </message>
    <message>
        <location line="+27" />
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>LedgerImportWizard</name>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="+34" />
        <source>Choose ledger file…</source>
        <translation>选择台账文件…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>No file chosen (.xlsx or .csv)</source>
        <translation>未选择文件（.xlsx 或 .csv）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Save rejected rows…</source>
        <translation>保存被拒绝的行…</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Choose ledger file</source>
        <translation>选择台账文件</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Ledgers (*.xlsx *.csv)</source>
        <translation>台账文件 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Save rejected rows</source>
        <translation>保存被拒绝的行</translation>
    </message>
    <message>
        <location line="+36" />
        <source>%1 rows: %2 can be imported, %3 would be rejected. Nothing has been imported yet.</source>
        <translation>共 %1 行：可导入 %2 行，将拒绝 %3 行。尚未导入任何数据。</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Imported %1 rows; %2 rows rejected.</source>
        <translation>已导入 %1 行，拒绝 %2 行。</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Ledger import</source>
        <translation>台账导入</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The ledger could not be processed because of an unexpected error; details are in the log.</source>
        <translation>台账因意外错误未能处理，详情已记入日志。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login.py" line="+7" />
        <source>Sign in to IPAid Desk</source>
        <translation>登录 IPAid Desk</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Database: {label}</source>
        <translation>数据库：{label}</translation>
    </message>
    <message>
        <location line="+5" />
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location line="+7" />
        <source>The user name must not be empty.</source>
        <translation>用户名不能为空。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+42" />
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cases</source>
        <translation>援助案件</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Consultations</source>
        <translation>咨询</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Opinions</source>
        <translation>侵权判定意见</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Trade fairs</source>
        <translation>展会服务</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Experts &amp; institutions</source>
        <translation>专家与合作单位</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reports</source>
        <translation>统计报表</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+12" />
        <source>IPAid Desk — {centre}</source>
        <translation>IPAid Desk 知识产权维权援助工作台 — {centre}</translation>
    </message>
    <message>
        <location line="+82" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <location line="+8" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+13" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;About IPAid Desk</source>
        <translation>关于 IPAid Desk(&amp;A)</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Database: {label}</source>
        <translation>数据库：{label}</translation>
    </message>
    <message>
        <location line="+3" />
        <source>{name} ({roles})</source>
        <translation>{name}（{roles}）</translation>
    </message>
    <message>
        <location line="+14" />
        <source>About IPAid Desk</source>
        <translation>关于 IPAid Desk</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&lt;h3&gt;IPAid Desk&lt;/h3&gt;&lt;p&gt;Workbench for IP rights-protection assistance centres.&lt;/p&gt;&lt;p&gt;Version {version}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;IPAid Desk 知识产权维权援助工作台&lt;/h3&gt;&lt;p&gt;为知识产权维权援助中心设计的桌面工作台。&lt;/p&gt;&lt;p&gt;版本 {version}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MediationResultDialog</name>
    <message>
        <location filename="../../ui/cases/result_dialogs.py" line="+46" />
        <source>Mediation</source>
        <translation>调解记录</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Result</source>
        <translation>调解结果</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Ended on</source>
        <translation>调解结束日期</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Judicial confirmation</source>
        <translation>已申请司法确认</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Mediation result</source>
        <translation>记录调解结果</translation>
    </message>
</context>
<context>
    <name>NewOpinionDialog</name>
    <message>
        <location filename="../../ui/opinions/page.py" line="+218" />
        <source>New opinion</source>
        <translation>新建意见</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Case number, or part of it</source>
        <translation>案件编号（可输入部分）</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Case:</source>
        <translation>案件：</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <location line="+22" />
        <source>No case has that number.</source>
        <translation>没有该编号的案件。</translation>
    </message>
</context>
<context>
    <name>OpinionEditor</name>
    <message>
        <location filename="../../ui/opinions/editor.py" line="+130" />
        <source>Opinion</source>
        <translation>侵权判定参考意见</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Reload (discard my changes)</source>
        <translation>重新读取（放弃本次修改）</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Save the draft (Ctrl+S)</source>
        <translation>保存草稿（Ctrl+S）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Submit for review</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Send the draft to a supervisor for review</source>
        <translation>将草稿提交负责人审核</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+451" />
        <source>Return for revision</source>
        <translation>退回修改</translation>
    </message>
    <message>
        <location line="-450" />
        <source>Send the opinion back to the drafter</source>
        <translation>退回起草人修改</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Approve the opinion (a supervisor other than the drafter)</source>
        <translation>批准意见书（须由起草人以外的负责人批准）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Issue</source>
        <translation>出具</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Assign the number, freeze the content and store the PDF</source>
        <translation>编号、锁定内容并存档PDF</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Void…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Void the opinion, with a reason</source>
        <translation>作废意见书（须填写原因）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>New version</source>
        <translation>新版本</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Start a new draft from this opinion</source>
        <translation>以本意见书为基础新建草稿</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Differences…</source>
        <translation>版本差异…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>What changed since the previous version</source>
        <translation>与上一版相比的变化</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Preview…</source>
        <translation>预览…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Preview, save or print the PDF</source>
        <translation>预览、保存或打印PDF</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Change history…</source>
        <translation>修改记录…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Who changed what, and when</source>
        <translation>谁在何时修改了什么</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Comparison</source>
        <translation>比对分析</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Why the comparison leads to the conclusion</source>
        <translation>由比对结果得出结论的理由</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Analysis</source>
        <translation>分析意见</translation>
    </message>
    <message>
        <location line="+38" />
        <source>Case and request</source>
        <translation>案件与请求</translation>
    </message>
    <message>
        <location line="+6" />
        <source>e.g. the dispute between the parties</source>
        <translation>例如：双方当事人的纠纷事由</translation>
    </message>
    <message>
        <location line="+2" />
        <source>On-site reference opinion (not reviewed)</source>
        <translation>现场参考意见（未经审核）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Case:</source>
        <translation>案件：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Parties:</source>
        <translation>当事人：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Subject:</source>
        <translation>事由：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Requested on:</source>
        <translation>请求日期：</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Right and legal status</source>
        <translation>权利及法律状态</translation>
    </message>
    <message>
        <location line="+4" />
        <source>e.g. in force, annual fee paid until 2026</source>
        <translation>例如：专利权有效，年费已缴纳至2026年</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Right:</source>
        <translation>权利：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Legal status:</source>
        <translation>法律状态：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Checked on:</source>
        <translation>查询日期：</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Accused object</source>
        <translation>被诉对象</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The accused product, sign or work, and where it was found</source>
        <translation>被诉产品、标识或作品，以及发现的地点</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Evidence (one item per line)</source>
        <translation>证据材料（每行一项）</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Experts consulted</source>
        <translation>咨询专家</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Experts with a conflict of interest in this case cannot be chosen.</source>
        <translation>与本案当事人存在利害关系的专家不能选择。</translation>
    </message>
    <message>
        <location line="+20" />
        <source>Conclusion</source>
        <translation>结论</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Not chosen</source>
        <translation>未选择</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Use suggestion</source>
        <translation>采用建议结论</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Conclusion:</source>
        <translation>结论：</translation>
    </message>
    <message>
        <location line="+9" />
        <source>The opinion is a reference opinion for the parties, not a legal ruling.</source>
        <translation>本意见书仅供参考，不具有法律效力，不是行政裁决或司法裁判。</translation>
    </message>
    <message>
        <location line="+27" />
        <source>Complainant: {a}</source>
        <translation>投诉人：{a}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Respondent: {b}</source>
        <translation>被投诉人：{b}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Applicant: {a}</source>
        <translation>请求人：{a}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Opposing party: {b}</source>
        <translation>被请求人：{b}</translation>
    </message>
    <message>
        <location line="+21" />
        <source>Draft (no number yet)</source>
        <translation>草稿（尚未编号）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>{number} · {kind} · {status} · version {version}</source>
        <translation>{number} · {kind} · {status} · 第{version}版</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Opinion {number} — fair complaint {complaint}</source>
        <translation>意见书 {number} — 展会投诉 {complaint}</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Opinion {number} — case {case}</source>
        <translation>意见书 {number} — 案件 {case}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Drafted by {name}</source>
        <translation>起草人：{name}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>due {date}</source>
        <translation>期限：{date}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>approved by {name}</source>
        <translation>批准人：{name}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>issued on {date}</source>
        <translation>出具日期：{date}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>replaces {number}</source>
        <translation>替代 {number}</translation>
    </message>
    <message>
        <location line="+0" />
        <source>version {n}</source>
        <translation>第{n}版</translation>
    </message>
    <message>
        <location line="+3" />
        <source>voided: {reason}</source>
        <translation>作废原因：{reason}</translation>
    </message>
    <message>
        <location line="+5" />
        <source>(none chosen)</source>
        <translation>（未选择）</translation>
    </message>
    <message>
        <location line="+24" />
        <source>Cannot be chosen: {reason}</source>
        <translation>不能选择：{reason}</translation>
    </message>
    <message>
        <location line="+100" />
        <source>No suggestion for this kind of opinion.</source>
        <translation>此类意见书没有建议结论。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The comparison supports: {conclusion}</source>
        <translation>比对结果推出：{conclusion}</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The chosen conclusion “{chosen}” contradicts the comparison, which supports “{suggested}”. Check the comparison, or give the reasons in the analysis.</source>
        <translation>所选结论“{chosen}”与比对结果推出的“{suggested}”不一致，请核对比对表，或在分析意见中写明理由。</translation>
    </message>
    <message>
        <location line="+59" />
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location line="+32" />
        <source>Submitted for review.</source>
        <translation>已提交审核。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>What should the drafter revise?</source>
        <translation>需要起草人修改什么？</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Returned to the drafter.</source>
        <translation>已退回起草人修改。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Approved.</source>
        <translation>已批准。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Issue the opinion</source>
        <translation>出具意见书</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Issuing assigns the opinion number and freezes the content; later changes need a new version. Issue now?</source>
        <translation>出具后将编号并锁定内容，以后修改须创建新版本。现在出具吗？</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Issued.</source>
        <translation>已出具。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Void the opinion</source>
        <translation>作废意见书</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Reason for voiding (kept on record):</source>
        <translation>作废原因（将存档）：</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Voided.</source>
        <translation>已作废。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>A new version was created as a draft.</source>
        <translation>已创建新版本草稿。</translation>
    </message>
    <message>
        <location line="+9" />
        <source>This is the first version; there is nothing to compare.</source>
        <translation>这是第一版，没有可比较的上一版。</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Change history</source>
        <translation>修改记录</translation>
    </message>
</context>
<context>
    <name>OpinionLabels</name>
    <message>
        <location filename="../../ui/opinions/combos.py" line="+36" />
        <source>Not judged</source>
        <translation>未判断</translation>
    </message>
    <message>
        <location filename="../../ui/opinions/labels.py" line="+15" />
        <source>Invention patent</source>
        <translation>发明专利</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Utility model</source>
        <translation>实用新型</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Design patent</source>
        <translation>外观设计</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Trademark</source>
        <translation>商标</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Copyright</source>
        <translation>著作权</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+1" />
        <source>In review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Issued</source>
        <translation>已出具</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Void</source>
        <translation>已作废</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Identical</source>
        <translation>相同</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Equivalent</source>
        <translation>等同</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Neither identical nor equivalent</source>
        <translation>不相同也不等同</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+46" />
        <source>To be established</source>
        <translation>待查明</translation>
    </message>
    <message>
        <location line="-43" />
        <source>Infringing</source>
        <translation>构成侵权</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Likely infringing</source>
        <translation>可能构成侵权</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Not infringing</source>
        <translation>不构成侵权</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cannot be determined</source>
        <translation>无法判断</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Same</source>
        <translation>相同</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Differs</source>
        <translation>不同</translation>
    </message>
    <message>
        <location line="+4" />
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Same category</source>
        <translation>相同</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Similar category</source>
        <translation>相近</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Neither same nor similar category</source>
        <translation>不相同也不相近</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Identical overall</source>
        <translation>相同</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Similar overall</source>
        <translation>近似</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Not similar overall</source>
        <translation>不近似</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Identical mark</source>
        <translation>相同</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Similar mark</source>
        <translation>近似</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Dissimilar mark</source>
        <translation>不近似</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Identical goods</source>
        <translation>相同</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Similar goods</source>
        <translation>类似</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Dissimilar goods</source>
        <translation>不类似</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Confusion likely</source>
        <translation>容易导致混淆</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Confusion unlikely</source>
        <translation>不易导致混淆</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>OpinionListModel</name>
    <message>
        <location filename="../../ui/opinions/page.py" line="-188" />
        <source>Number</source>
        <translation>意见书编号</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Case no.</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Conclusion</source>
        <translation>结论</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
</context>
<context>
    <name>OpinionPreview</name>
    <message>
        <location filename="../../ui/opinions/preview.py" line="+44" />
        <source>Opinion preview</source>
        <translation>意见书预览</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Rendering the PDF…</source>
        <translation>正在生成PDF…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Save PDF…</source>
        <translation>保存PDF…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location line="+31" />
        <source>The PDF could not be shown.</source>
        <translation>无法显示该PDF。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>{pages} page(s)</source>
        <translation>共{pages}页</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Save PDF</source>
        <translation>保存PDF</translation>
    </message>
    <message>
        <location line="+1" />
        <source>PDF files (*.pdf)</source>
        <translation>PDF文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Could not write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <location line="+17" />
        <source>The printer could not be started.</source>
        <translation>无法启动打印机。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Sent {pages} page(s) to the printer.</source>
        <translation>已向打印机发送{pages}页。</translation>
    </message>
</context>
<context>
    <name>OpinionsPage</name>
    <message>
        <location filename="../../ui/opinions/page.py" line="+23" />
        <source>Opinions</source>
        <translation>侵权判定意见</translation>
    </message>
    <message>
        <location line="+2" />
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+1" />
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+2" />
        <source>New opinion…</source>
        <translation>新建意见…</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <location line="+31" />
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location line="+6" />
        <source>{count} opinion(s)</source>
        <translation>共{count}份意见书</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No opinions match.</source>
        <translation>没有符合条件的意见书。</translation>
    </message>
</context>
<context>
    <name>OtherSection</name>
    <message>
        <location filename="../../ui/opinions/sections.py" line="+58" />
        <source>Heading</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Add section</source>
        <translation>添加段落</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Remove section</source>
        <translation>删除段落</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Further comparison points (optional):</source>
        <translation>其他比对要点（可选）：</translation>
    </message>
</context>
<context>
    <name>PartyFinder</name>
    <message>
        <location filename="../../ui/parties/finder.py" line="+29" />
        <source>Find a party</source>
        <translation>查找当事人</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Name, pinyin, initials or ID number</source>
        <translation>名称、拼音、拼音首字母或证件号码</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Name</source>
        <translation>名称/姓名</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0" />
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Consultations</source>
        <translation>咨询</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+26" />
        <source>Searching…</source>
        <translation>正在查找…</translation>
    </message>
    <message numerus="yes">
        <location line="+19" />
        <source>%n party(ies) found</source>
        <translation>
            <numerusform>找到 %n 个当事人</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PartyView</name>
    <message>
        <location filename="../../ui/parties/party_view.py" line="+42" />
        <source>Party</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location line="+6" />
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Scale</source>
        <translation>企业规模</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Merge into…</source>
        <translation>合并到…</translation>
    </message>
    <message>
        <location line="+4" />
        <source>This party is a duplicate: move its cases and consultations to the party to keep.</source>
        <translation>此当事人是重复记录：把其案件和咨询转到要保留的当事人名下。</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Only a caseworker or a supervisor may merge parties.</source>
        <translation>只有承办人或负责人可以合并当事人。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Case no.</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location line="+0" />
        <source>As</source>
        <translation>身份</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Registered on</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Other party</source>
        <translation>对方</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Topic</source>
        <translation>咨询主题</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Consultations</source>
        <translation>咨询</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Change history</source>
        <translation>变更记录</translation>
    </message>
    <message>
        <location line="+29" />
        <source>Party: {name}</source>
        <translation>当事人：{name}</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Cases ({n})</source>
        <translation>案件（{n}）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Consultations ({n})</source>
        <translation>咨询（{n}）</translation>
    </message>
    <message>
        <location line="+49" />
        <source>Merge “{name}” into…</source>
        <translation>把“{name}”合并到…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Merge into this party</source>
        <translation>合并到此当事人</translation>
    </message>
    <message>
        <location line="+13" />
        <source>“{drop}” will be merged into “{keep}”.</source>
        <translation>将把“{drop}”合并到“{keep}”。</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Moving to “{keep}”: {cases} case(s), {consultations} consultation(s), {rights} right(s).</source>
        <translation>转到“{keep}”名下的有：{cases} 件案件、{consultations} 条咨询、{rights} 项权利。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>“{drop}” will no longer appear in lists. The merge is recorded in the audit log.</source>
        <translation>“{drop}”将不再出现在列表中。合并记入审计日志。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Merge now?</source>
        <translation>确定合并吗？</translation>
    </message>
    <message>
        <location line="+2" />
        <location line="+22" />
        <source>Merge parties</source>
        <translation>合并当事人</translation>
    </message>
    <message>
        <location line="-16" />
        <source>Merging parties…</source>
        <translation>正在合并当事人…</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Merged: {n} case(s) moved to “{name}”.</source>
        <translation>已合并：{n} 件案件已转到“{name}”名下。</translation>
    </message>
</context>
<context>
    <name>PatentSection</name>
    <message>
        <location filename="../../ui/opinions/sections.py" line="-152" />
        <source>Add claim</source>
        <translation>添加权利要求</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Remove claim</source>
        <translation>删除权利要求</translation>
    </message>
    <message>
        <location line="+2" />
        <source>A claim is covered when every feature is identical or equivalent (all-elements rule).</source>
        <translation>全面覆盖原则：权利要求的每一项技术特征均相同或等同时，才落入保护范围。</translation>
    </message>
    <message>
        <location line="+57" />
        <source>Claim {n}</source>
        <translation>权利要求{n}</translation>
    </message>
</context>
<context>
    <name>ReassignDialog</name>
    <message>
        <location filename="../../ui/cases/reassign_dialog.py" line="+29" />
        <source>New assignee</source>
        <translation>新承办人</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reassign {case_no}</source>
        <translation>更换承办人 – {case_no}</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Current assignee: {name}</source>
        <translation>现承办人：{name}</translation>
    </message>
</context>
<context>
    <name>ReferralResultDialog</name>
    <message>
        <location filename="../../ui/cases/result_dialogs.py" line="-20" />
        <source>Referral</source>
        <translation>移交记录</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Result</source>
        <translation>移交结果</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Referral result</source>
        <translation>记录移交结果</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <location filename="../../ui/cases/register_dialog.py" line="+41" />
        <source>Register an assistance request</source>
        <translation>登记维权援助申请</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+3" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="-2" />
        <location line="+3" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="-3" />
        <location line="+3" />
        <source>ID / credit code</source>
        <translation>身份证号码/统一社会信用代码</translation>
    </message>
    <message>
        <location line="-2" />
        <location line="+3" />
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location line="-3" />
        <location line="+3" />
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1" />
        <source>IP type</source>
        <translation>知识产权类型</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Right number</source>
        <translation>权利号</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Title / mark</source>
        <translation>名称/商标</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Nice classes</source>
        <translation>尼斯分类</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Dispute type</source>
        <translation>纠纷类型</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Channel</source>
        <translation>受理渠道</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Overseas</source>
        <translation>海外纠纷</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Registered on</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Summary</source>
        <translation>案情摘要</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Opposing party</source>
        <translation>被申请人</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Request</source>
        <translation>申请事项</translation>
    </message>
    <message>
        <location line="+36" />
        <source>Attach files…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <location line="+26" />
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <location line="+46" />
        <source>Possible same party</source>
        <translation>可能是同一当事人</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Possible conflict of interest</source>
        <translation>可能存在利益冲突</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Earlier cases involve these parties on the other side:</source>
        <translation>以下已有案件中，这些当事人曾是对方当事人：</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+25" />
        <source>Register anyway?</source>
        <translation>仍要登记吗？</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../ui/pages/reports.py" line="+18" />
        <source>Reports</source>
        <translation>统计报表</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Ledger import</source>
        <translation>台账导入</translation>
    </message>
    <message>
        <location filename="../../ui/reports/page.py" line="+51" />
        <source>Month</source>
        <translation>月度</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Show</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Export Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Print the report (Ctrl+P)</source>
        <translation>打印报表（Ctrl+P）</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Period</source>
        <translation>统计期间</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+0" />
        <source>This period</source>
        <translation>本期</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Previous period</source>
        <translation>上期</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Same period last year</source>
        <translation>去年同期</translation>
    </message>
    <message>
        <location line="+42" />
        <source>Computing figures…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Preparing the report for printing…</source>
        <translation>正在准备打印报表…</translation>
    </message>
    <message>
        <location line="+13" />
        <source>The PDF could not be read for printing.</source>
        <translation>无法读取要打印的 PDF。</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Printing cancelled.</source>
        <translation>已取消打印。</translation>
    </message>
    <message>
        <location line="+8" />
        <source>The printer could not be started.</source>
        <translation>无法启动打印机。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Sent {pages} page(s) to the printer.</source>
        <translation>已向打印机发送{pages}页。</translation>
    </message>
    <message>
        <location line="+29" />
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Report</source>
        <translation>统计报表</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The report failed because of an unexpected error; details are in the log.</source>
        <translation>报表因意外错误未能完成，详情已记入日志。</translation>
    </message>
    <message>
        <location line="+16" />
        <location line="+7" />
        <source>Registered</source>
        <translation>登记</translation>
    </message>
    <message>
        <location line="-7" />
        <source>Closed</source>
        <translation>办结</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Cases per month</source>
        <translation>近12个月案件数</translation>
    </message>
    <message>
        <location line="+6" />
        <source>By IP type</source>
        <translation>按知识产权类型</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../ui/settings/users.py" line="+14" />
        <source>Reset password of {name}</source>
        <translation>重置 {name} 的密码</translation>
    </message>
    <message>
        <location line="+4" />
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Repeat password:</source>
        <translation>重复密码：</translation>
    </message>
</context>
<context>
    <name>RevealButton</name>
    <message>
        <location filename="../../ui/parties/reveal.py" line="+38" />
        <source>Shows the full ID number and phone until this window closes; each showing is recorded in the audit log.</source>
        <translation>在关闭本窗口前显示完整的证件号码和电话；每次查看都记入审计日志。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Only a supervisor or an administrator may see personal data in full.</source>
        <translation>只有负责人或管理员可以查看完整的个人信息。</translation>
    </message>
    <message>
        <location line="+38" />
        <source>Show in full</source>
        <translation>显示完整信息</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Shown in full</source>
        <translation>已显示完整信息</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../ui/labels.py" line="-30" />
        <source>Caseworker</source>
        <translation>办案人员</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Supervisor</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+1" />
        <source>On-site fair staff</source>
        <translation>驻场人员</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Administrator</source>
        <translation>系统管理员</translation>
    </message>
</context>
<context>
    <name>RolesDialog</name>
    <message>
        <location filename="../../ui/settings/users.py" line="+13" />
        <source>Roles of {name}</source>
        <translation>{name} 的角色</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Roles:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Roles: choose at least one.</source>
        <translation>角色：请至少选择一个。</translation>
    </message>
</context>
<context>
    <name>RowTable</name>
    <message>
        <location filename="../../ui/opinions/rows.py" line="+74" />
        <source>Add row</source>
        <translation>添加行</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Remove row</source>
        <translation>删除行</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="+179" />
        <source>Feature</source>
        <translation>特征</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Claim feature</source>
        <translation>权利要求记载的技术特征</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Accused product's feature</source>
        <translation>被诉产品对应的技术特征</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+10" />
        <location line="+12" />
        <source>Result</source>
        <translation>比对结果</translation>
    </message>
    <message>
        <location line="-21" />
        <location line="+11" />
        <location line="+11" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="-16" />
        <location line="+12" />
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="-11" />
        <source>Protected design</source>
        <translation>授权外观设计</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Accused product</source>
        <translation>被诉产品</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Right holder's side</source>
        <translation>权利人一方</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Accused side</source>
        <translation>被诉一方</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/pages/settings.py" line="+17" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+3" />
        <source>My account</source>
        <translation>我的账户</translation>
    </message>
    <message>
        <location line="+5" />
        <source>User management</source>
        <translation>用户管理</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Centre settings</source>
        <translation>中心设置</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Holidays</source>
        <translation>节假日</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Interface</source>
        <translation>界面</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <location filename="../../ui/cases/forms.py" line="+127" />
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../ui/sync/sync_page.py" line="+20" />
        <source>Fair kits and return bundles</source>
        <translation>数据同步</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Transfer</source>
        <translation>导出与导入</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Export fair kit…</source>
        <translation>导出展会数据包…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Export return bundle…</source>
        <translation>导出回传数据包…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Import return bundle…</source>
        <translation>导入回传数据包…</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Conflicts</source>
        <translation>冲突处理</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <location line="+9" />
        <location line="+3" />
        <source>Export fair kit</source>
        <translation>导出展会数据包</translation>
    </message>
    <message>
        <location line="-3" />
        <source>No fair yet.</source>
        <translation>还没有展会。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Fair:</source>
        <translation>展会：</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Fair kit</source>
        <translation>展会数据包</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Passphrase to encrypt the kit (recommended):</source>
        <translation>用于加密展会数据包的口令（建议设置）：</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+5" />
        <source>Return bundle</source>
        <translation>回传数据包</translation>
    </message>
    <message>
        <location line="-3" />
        <source>Passphrase to encrypt the bundle (recommended):</source>
        <translation>用于加密数据包的口令（建议设置）：</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Passphrase of the bundle (empty if none):</source>
        <translation>数据包口令（未加密则留空）：</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Writing the fair kit…</source>
        <translation>正在写入展会数据包…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Fair kit written to {path}. Laptop number prefix {prefix}. One-time recovery code (write it down now, it is shown only once): {code}</source>
        <translation>展会数据包已写入 {path}。笔记本编号前缀 {prefix}。一次性恢复码（请立即抄写，只显示这一次）：{code}</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Writing the bundle…</source>
        <translation>正在写入数据包…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Return bundle written to {path}: {created} new, {changed} changed, {deleted} deleted.</source>
        <translation>回传数据包已写入 {path}：新增 {created}，修改 {changed}，删除 {deleted}。</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Importing the return bundle…</source>
        <translation>正在导入回传数据包…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Inserted {inserted}, updated {updated}, unchanged {unchanged}, conflicts {conflicts}.</source>
        <translation>新增 {inserted}，更新 {updated}，未变 {unchanged}，冲突 {conflicts}。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This bundle was imported before; nothing changed.</source>
        <translation>该数据包已导入过，未作任何改动。</translation>
    </message>
</context>
<context>
    <name>TrademarkSection</name>
    <message>
        <location filename="../../ui/opinions/sections.py" line="+28" />
        <source>Mark comparison (whole and dominant part)</source>
        <translation>商标比对（整体比对与显著部分比对）</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Registered mark:</source>
        <translation>注册商标：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Accused sign:</source>
        <translation>被控标识：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Dominant part:</source>
        <translation>显著识别部分：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Marks:</source>
        <translation>商标：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Goods or services</source>
        <translation>商品或服务</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Registered for:</source>
        <translation>核定使用的商品或服务：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Accused goods or services:</source>
        <translation>被控商品或服务：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Goods:</source>
        <translation>商品或服务：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Likelihood of confusion</source>
        <translation>混淆可能性</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Confusion:</source>
        <translation>混淆：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reasoning:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Further comparison points (optional):</source>
        <translation>其他比对要点（可选）：</translation>
    </message>
</context>
<context>
    <name>UserDialogs</name>
    <message>
        <location filename="../../ui/settings/users.py" line="-87" />
        <source>Repeat password: it differs from the password above.</source>
        <translation>重复密码：与上面的密码不一致。</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <location line="+107" />
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Display name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+0" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Add user…</source>
        <translation>添加用户……</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reset password…</source>
        <translation>重置密码……</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Change roles…</source>
        <translation>修改角色……</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+69" />
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <location line="-68" />
        <source>Unlock</source>
        <translation>解除锁定</translation>
    </message>
    <message>
        <location line="+44" />
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Locked until {time}</source>
        <translation>锁定至 {time}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <location line="+20" />
        <source>Activate</source>
        <translation>启用</translation>
    </message>
    <message>
        <location line="+37" />
        <source>Saved: {name}.</source>
        <translation>已保存：{name}。</translation>
    </message>
</context>
</TS>