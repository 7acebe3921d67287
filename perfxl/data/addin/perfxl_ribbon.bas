Attribute VB_Name = "perfxl_ribbon"
Option Explicit
' Ribbon callbacks of the perfxl add-in (the tab defined in customUI.xml).
' Each button runs one Python function through RunPython (the xlwings module inside this
' add-in); Python finds the workbook itself (the active one, see perfxl/excel.py), so the
' VBA stays one line per button.
' Keep this file ASCII: VBA stores module source in the project's ANSI code page.

Sub PerfxlCheck(control As IRibbonControl)
    RunPython "import perfxl.excel; perfxl.excel.main()"
End Sub

Sub PerfxlClear(control As IRibbonControl)
    RunPython "import perfxl.excel; perfxl.excel.clear()"
End Sub

Sub PerfxlTemplate(control As IRibbonControl)
    RunPython "import perfxl.excel; perfxl.excel.template()"
End Sub
