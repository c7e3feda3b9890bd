"""侵权判定参考意见: the opinion list, the drafting form per kind, the review workflow and the PDF preview.

Every change goes through app.services.opinions (which checks permissions); the widgets here only mirror
what it allows, and run its calls off the GUI thread with ui.tasks.run_task.
"""
